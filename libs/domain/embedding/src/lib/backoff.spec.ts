import { backoffDelayMs, chunk, isRetryableStatus, retryAfterMs } from './backoff';

describe('back-off', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    expect(backoffDelayMs(0, 500, 20_000, () => 0.999)).toBe(499);
    expect(backoffDelayMs(3, 500, 20_000, () => 0.999)).toBe(3996);
    expect(backoffDelayMs(10, 500, 20_000, () => 0.999)).toBe(19_980);
    expect(backoffDelayMs(3, 500, 20_000, () => 0)).toBe(0);
  });

  it('retries rate limits, timeouts, server and network errors only', () => {
    expect([429, 500, 502, 503, 408, undefined].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 404, 422].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(1_000_000 + 3000).toUTCString(), 60_000, 1_000_000)).toBeLessThanOrEqual(3000);
    expect(retryAfterMs('999')).toBe(60_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it('splits work into batches', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
});
