import { DEFAULT_RATE_LIMITS } from '@commontrace/util-config';
import { classify, countersFor, exhausted, limitState, rateLimitHeaders, tierOf, tightest, windowAt } from './limits';
import { CounterStore, MemoryCounterStore } from './counter-store';
import { RateLimiter } from './rate-limiter';
import { EXPOSED_HEADERS } from '../http/http-hardening';

const T = Date.UTC(2026, 0, 2, 10, 30, 15, 500); // 10:30:15.5 on 2 January

describe('rate-limit windows and limits', () => {
  it('classifies reads, writes and votes', () => {
    expect(classify('GET', '/api/v1/traces/abc')).toBe('read');
    expect(classify('HEAD', '/api/v1/tags')).toBe('read');
    expect(classify('POST', '/api/v1/traces/search')).toBe('read');
    expect(classify('POST', '/api/v1/traces')).toBe('write');
    expect(classify('POST', '/api/v1/traces/abc/flag')).toBe('write');
    expect(classify('POST', '/api/v1/traces/abc/votes')).toBe('vote');
    expect(classify('POST', '/api/v1/traces/abc/verifications')).toBe('vote');
    expect(classify('GET', '/api/v1/traces/abc/votes')).toBe('read');
  });

  it('falls back to free for a tier the configuration does not know', () => {
    expect(tierOf('pro')).toBe('pro');
    expect(tierOf('gold')).toBe('free');
  });

  it('cuts fixed windows at the minute and the UTC day', () => {
    expect(windowAt('minute', T)).toEqual({ start: Date.UTC(2026, 0, 2, 10, 30), end: Date.UTC(2026, 0, 2, 10, 31) });
    expect(windowAt('day', T)).toEqual({ start: Date.UTC(2026, 0, 2), end: Date.UTC(2026, 0, 3) });
    const [minute, day] = countersFor('acc', 'write', { minute: 5, day: 50 }, T);
    expect(minute).toEqual({ window: 'minute', key: `acc.write.minute.${Date.UTC(2026, 0, 2, 10, 30)}`, limit: 5, end: Date.UTC(2026, 0, 2, 10, 31) });
    expect(day.key).toBe(`acc.write.day.${Date.UTC(2026, 0, 2)}`);
    expect(countersFor('acc', 'write', { minute: 5, day: 50 }, T + 45_000)[0].key).not.toBe(minute.key);
  });

  it('reports the limit closest to exhaustion, and the one that frees last when refused', () => {
    const [minute, day] = countersFor('acc', 'read', { minute: 5, day: 50 }, T);
    const a = limitState(minute, 2, T);
    expect(a).toEqual({ window: 'minute', limit: 5, used: 2, remaining: 3, reset_seconds: 45 });
    const b = limitState(day, 48, T);
    expect(tightest([a, b])).toBe(b);
    expect(exhausted([a, b])).toBeUndefined();
    const fullMinute = limitState(minute, 5, T);
    const fullDay = limitState(day, 50, T);
    expect(exhausted([fullMinute, b])).toBe(fullMinute);
    expect(exhausted([fullMinute, fullDay])).toBe(fullDay);
    expect(tightest([fullMinute, fullDay])).toBe(fullDay);
    expect(limitState(minute, 9, minute.end).reset_seconds).toBe(1);
    expect(rateLimitHeaders(a)).toEqual({ 'RateLimit-Limit': '5', 'RateLimit-Remaining': '3', 'RateLimit-Reset': '45' });
    // Browser scripts on allowed origins can read them (CORS).
    expect(EXPOSED_HEADERS).toEqual(expect.arrayContaining([...Object.keys(rateLimitHeaders(a)), 'Retry-After']));
  });
});

describe('MemoryCounterStore', () => {
  it('counts up to the limit, then refuses without counting, and starts again in the next window', async () => {
    const store = new MemoryCounterStore();
    const counters = countersFor('acc', 'write', { minute: 2, day: 3 }, T);
    expect(await store.consume(counters, T)).toEqual({ allowed: true, counts: [1, 1] });
    expect(await store.consume(counters, T)).toEqual({ allowed: true, counts: [2, 2] });
    expect(await store.consume(counters, T)).toEqual({ allowed: false, counts: [2, 2] });
    const next = T + 60_000;
    const later = countersFor('acc', 'write', { minute: 2, day: 3 }, next);
    expect(await store.consume(later, next)).toEqual({ allowed: true, counts: [1, 3] });
    // The day is used up although the minute is not.
    expect(await store.consume(later, next)).toEqual({ allowed: false, counts: [1, 3] });
    expect(await store.peek(countersFor('other', 'write', { minute: 2, day: 3 }, next), next)).toEqual([0, 0]);
  });

  it('forgets windows that ended', async () => {
    const store = new MemoryCounterStore();
    await store.consume(countersFor('acc', 'read', { minute: 2, day: 3 }, T), T);
    expect(store.size()).toBe(2);
    const nextDay = T + 86_400_000;
    await store.consume(countersFor('acc', 'read', { minute: 2, day: 3 }, nextDay), nextDay);
    expect(store.size()).toBe(2);
  });
});

class UnreachableStore extends CounterStore {
  async consume(): Promise<never> {
    throw new Error('connection closed');
  }
  async peek(): Promise<never> {
    throw new Error('connection closed');
  }
}

describe('RateLimiter', () => {
  const limits = { ...DEFAULT_RATE_LIMITS, free: { ...DEFAULT_RATE_LIMITS.free, vote: { minute: 1, day: 10 } } };

  it("uses the account's tier and refuses past the limit with the limit that refused", async () => {
    const limiter = new RateLimiter(new MemoryCounterStore(), limits, 'open');
    const first = await limiter.consume({ id: 'a', tier: 'free' }, 'vote', T);
    expect(first).toMatchObject({ tier: 'free', cls: 'vote', reported: { window: 'minute', remaining: 0 }, refused: undefined });
    const second = await limiter.consume({ id: 'a', tier: 'free' }, 'vote', T);
    expect(second?.refused).toEqual({ window: 'minute', limit: 1, used: 1, remaining: 0, reset_seconds: 45 });
    expect((await limiter.consume({ id: 'a', tier: 'pro' }, 'vote', T))?.refused).toBeUndefined();
    const usage = await limiter.usage({ id: 'a', tier: 'free' }, T);
    expect(usage.tier).toBe('free');
    // The counters are the account's whatever its tier: the pro request counted too.
    expect(usage.limits.vote.map((s) => s.used)).toEqual([2, 2]);
    expect(usage.limits.read.map((s) => s.used)).toEqual([0, 0]);
  });

  it('fails open or closed when the store is unreachable, as configured', async () => {
    await expect(new RateLimiter(new UnreachableStore(), limits, 'open').consume({ id: 'a', tier: 'free' }, 'read', T)).resolves.toBeUndefined();
    await expect(new RateLimiter(new UnreachableStore(), limits, 'closed').consume({ id: 'a', tier: 'free' }, 'read', T)).rejects.toMatchObject({
      code: 'service_unavailable',
    });
    await expect(new RateLimiter(new UnreachableStore(), limits, 'open').usage({ id: 'a', tier: 'free' }, T)).rejects.toMatchObject({
      code: 'service_unavailable',
    });
  });
});
