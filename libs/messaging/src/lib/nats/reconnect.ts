import type { ConnectionOptions } from 'nats';

/** Back-off between reconnect rounds: 250 ms doubling to 5 s, with ±25 % jitter; reset once connected. */
export const RECONNECT_BACKOFF = { initialMs: 250, maxMs: 5000, jitter: 0.25 } as const;

export class ReconnectBackoff {
  private attempt = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** The wait before the next reconnect round. */
  next(): number {
    const { initialMs, maxMs, jitter } = RECONNECT_BACKOFF;
    const base = Math.min(maxMs, initialMs * 2 ** Math.min(this.attempt, 16));
    this.attempt += 1;
    return Math.round(base * (1 - jitter + 2 * jitter * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}

/**
 * Connection options shared by every NATS connection of a process (JetStream, request client, request
 * server): reconnect without a limit, waiting `backoff.next()` between rounds (the owner of the
 * connection calls `backoff.reset()` when it is connected again); and no stack trace captured for
 * every request on the chance that it fails (nats.js's `noAsyncTraces`): a cost on every search,
 * while a failed request still says what failed (timeout, no responders) and on which subject.
 */
export function connectionOptions(backoff: ReconnectBackoff): Pick<ConnectionOptions, 'maxReconnectAttempts' | 'reconnectDelayHandler' | 'noAsyncTraces'> {
  return { maxReconnectAttempts: -1, reconnectDelayHandler: () => backoff.next(), noAsyncTraces: true };
}
