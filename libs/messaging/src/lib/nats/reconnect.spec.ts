import { RECONNECT_BACKOFF, ReconnectBackoff, connectionOptions } from './reconnect';

describe('ReconnectBackoff', () => {
  const { initialMs, maxMs, jitter } = RECONNECT_BACKOFF;

  it('doubles from the initial wait up to the cap (no jitter at the midpoint)', () => {
    const backoff = new ReconnectBackoff(() => 0.5);
    const waits = Array.from({ length: 8 }, () => backoff.next());
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
    expect(waits[0]).toBe(initialMs);
    expect(Math.max(...waits)).toBe(maxMs);
  });

  it('spreads each wait by the jitter, both ways', () => {
    expect(new ReconnectBackoff(() => 0).next()).toBe(Math.round(initialMs * (1 - jitter)));
    expect(new ReconnectBackoff(() => 1).next()).toBe(Math.round(initialMs * (1 + jitter)));
  });

  it('starts over after a reconnect', () => {
    const backoff = new ReconnectBackoff(() => 0.5);
    for (let i = 0; i < 10; i++) backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(initialMs);
  });

  it('never stops reconnecting, and waits as the back-off says', () => {
    const backoff = new ReconnectBackoff(() => 0.5);
    const options = connectionOptions(backoff);
    expect(options.maxReconnectAttempts).toBe(-1);
    expect([options.reconnectDelayHandler?.(), options.reconnectDelayHandler?.()]).toEqual([250, 500]);
  });

  it('captures no stack trace per request', () => {
    expect(connectionOptions(new ReconnectBackoff()).noAsyncTraces).toBe(true);
  });
});
