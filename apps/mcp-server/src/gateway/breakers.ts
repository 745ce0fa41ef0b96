import CircuitBreaker from 'opossum';
import { createHash } from 'node:crypto';
import { GatewayError, LOCAL_ERROR_CODES } from './gateway-error';

export interface BreakerSettings {
  /** Calls in the rolling window before the circuit may open. */
  volumeThreshold: number;
  /** Share of failed calls (percent) in the window that opens it. */
  errorThresholdPercentage: number;
  /** How long it stays open before one call is let through (half-open). */
  resetTimeoutMs: number;
  /** The rolling window the failures are counted in. */
  rollingWindowMs: number;
  /** At most this many keys keep a breaker; the least recently used is dropped beyond it. */
  maxKeys: number;
}

type Work = () => Promise<unknown>;

export type BreakerState = 'closed' | 'open' | 'half_open';

/**
 * One circuit breaker per API key (opossum): an agent whose calls keep failing stops hammering
 * the gateway, and does not open the circuit of other agents sharing this server. Only outages
 * count (network errors, timeouts, 5xx); a 4xx is the caller's problem and passes through.
 */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker<[Work], unknown>>();

  constructor(
    private readonly settings: BreakerSettings,
    private readonly onStateChange: (state: BreakerState) => void = () => undefined,
  ) {}

  /** Runs `work` through the key's breaker; an open circuit fails at once with `circuit_open`. */
  async run<T>(apiKey: string, work: () => Promise<T>): Promise<T> {
    const breaker = this.breakerFor(apiKey);
    try {
      return (await breaker.fire(work)) as T;
    } catch (error) {
      if ((error as { code?: string })?.code === 'EOPENBREAKER') {
        throw new GatewayError(LOCAL_ERROR_CODES.circuitOpen, 'CommonTrace failed repeatedly, so calls are paused for a moment', {
          retryAfterSeconds: Math.ceil(this.settings.resetTimeoutMs / 1000),
        });
      }
      throw error;
    }
  }

  state(apiKey: string): BreakerState {
    const breaker = this.breakers.get(keyId(apiKey));
    if (!breaker) return 'closed';
    return breaker.opened ? 'open' : breaker.halfOpen ? 'half_open' : 'closed';
  }

  /** Stops every breaker's timers. */
  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();
  }

  private breakerFor(apiKey: string): CircuitBreaker<[Work], unknown> {
    const id = keyId(apiKey);
    const existing = this.breakers.get(id);
    if (existing) {
      // Most recently used last, so the first entry is the one to drop.
      this.breakers.delete(id);
      this.breakers.set(id, existing);
      return existing;
    }
    const s = this.settings;
    const breaker = new CircuitBreaker((work: Work) => work(), {
      timeout: false, // each call has its own timeout (AbortSignal)
      volumeThreshold: s.volumeThreshold,
      errorThresholdPercentage: s.errorThresholdPercentage,
      resetTimeout: s.resetTimeoutMs,
      rollingCountTimeout: s.rollingWindowMs,
      // true: not a failure of the gateway (a 4xx answer, a refusal of ours).
      errorFilter: (error: unknown) => !(error instanceof GatewayError && error.isOutage),
    });
    breaker.on('open', () => this.onStateChange('open'));
    breaker.on('halfOpen', () => this.onStateChange('half_open'));
    breaker.on('close', () => this.onStateChange('closed'));
    this.breakers.set(id, breaker);
    while (this.breakers.size > s.maxKeys) {
      const [oldest, dropped] = this.breakers.entries().next().value as [string, CircuitBreaker<[Work], unknown>];
      dropped.shutdown();
      this.breakers.delete(oldest);
    }
    return breaker;
  }
}

/** Breakers are kept by a hash of the key, never the key itself. */
function keyId(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 32);
}
