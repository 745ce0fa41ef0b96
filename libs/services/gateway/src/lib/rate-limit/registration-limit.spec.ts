import { DEFAULT_RATE_LIMITS } from '@commontrace/util-config';
import { registrationOrigin } from '../auth/origin';
import { MemoryCounterStore } from './counter-store';
import { countersFor, REGISTRATION, registrationSubject } from './limits';
import { RateLimiter } from './rate-limiter';

const T = Date.UTC(2026, 0, 2, 10, 30, 15, 500);

describe('registration limits', () => {
  it('count under the hash of the network, never the address, in keys NATS allows', () => {
    const origin = registrationOrigin('203.0.113.7');
    const [minute, day] = countersFor(registrationSubject(origin), REGISTRATION, { minute: 2, day: 5 }, T);
    expect(minute.key).toBe(`origin-${origin}.registration.minute.${Date.UTC(2026, 0, 2, 10, 30)}`);
    expect(day).toMatchObject({ window: 'day', limit: 5, end: Date.UTC(2026, 0, 3) });
    expect(minute.key).not.toContain('203.0.113');
    expect(minute.key).toMatch(/^[-/_=.a-zA-Z0-9]+$/);
    expect(registrationSubject(null)).toBe('origin-unknown');
  });

  it('refuse past the limit of one network, whichever address in it asks, and leave other networks and the tier counters alone', async () => {
    const limiter = new RateLimiter(new MemoryCounterStore(), DEFAULT_RATE_LIMITS, 'open', { minute: 100, day: 2 });
    expect((await limiter.consumeRegistration(registrationOrigin('203.0.113.7'), T))?.reported).toMatchObject({ window: 'day', remaining: 1 });
    expect((await limiter.consumeRegistration(registrationOrigin('203.0.113.8'), T))?.refused).toBeUndefined();
    const refused = await limiter.consumeRegistration(registrationOrigin('203.0.113.250'), T);
    expect(refused?.refused).toEqual({ window: 'day', limit: 2, used: 2, remaining: 0, reset_seconds: Math.ceil((Date.UTC(2026, 0, 3) - T) / 1000) });
    expect((await limiter.consumeRegistration(registrationOrigin('203.0.114.7'), T))?.refused).toBeUndefined();
    expect((await limiter.consumeRegistration(registrationOrigin('2001:db8:abcd:1::1'), T))?.refused).toBeUndefined();
    expect((await limiter.consumeRegistration(registrationOrigin('2001:db8:abcd:2::1'), T))?.refused).toBeUndefined();
    expect((await limiter.consumeRegistration(registrationOrigin('2001:db8:abcd:3::1'), T))?.refused).toBeDefined();
    expect((await limiter.usage({ id: 'origin', tier: 'free' }, T)).limits.write.map((s) => s.used)).toEqual([0, 0]);
  });
});
