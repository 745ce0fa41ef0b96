import { DEFAULT_RATE_LIMITS, parseRateLimits, RATE_LIMITS_FOR_TOOLS } from './rate-limits';
import { validateEnv } from './validate-env';

describe('parseRateLimits', () => {
  it('is the defaults without a setting', () => {
    expect(parseRateLimits(undefined)).toEqual({ limits: DEFAULT_RATE_LIMITS, problems: [] });
    expect(parseRateLimits('  ')).toEqual({ limits: DEFAULT_RATE_LIMITS, problems: [] });
  });

  it('overrides only the limits it names', () => {
    const { limits, problems } = parseRateLimits('{"free":{"write":{"minute":5}},"team":{"read":{"day":7}}}');
    expect(problems).toEqual([]);
    expect(limits.free.write).toEqual({ minute: 5, day: DEFAULT_RATE_LIMITS.free.write.day });
    expect(limits.team.read).toEqual({ minute: DEFAULT_RATE_LIMITS.team.read.minute, day: 7 });
    expect(limits.pro).toEqual(DEFAULT_RATE_LIMITS.pro);
    expect(DEFAULT_RATE_LIMITS.free.write.minute).not.toBe(5);
  });

  it('names every problem', () => {
    expect(parseRateLimits('nope').problems).toEqual(['RATE_LIMITS: is not valid JSON']);
    expect(parseRateLimits('[1]').problems).toEqual(['RATE_LIMITS: must be a JSON object of tiers']);
    const { problems } = parseRateLimits(
      '{"gold":{},"free":{"search":{},"read":{"hour":1,"minute":0,"day":1.5}},"pro":3,"team":{"vote":"x"}}',
    );
    expect(problems).toEqual([
      'RATE_LIMITS: unknown tier "gold" (tiers: free, pro, team)',
      'RATE_LIMITS.free: unknown request class "search" (classes: read, write, vote)',
      'RATE_LIMITS.free.read: unknown window "hour" (windows: minute, day)',
      'RATE_LIMITS.free.read.minute: must be a positive integer',
      'RATE_LIMITS.free.read.day: must be a positive integer',
      'RATE_LIMITS.pro: must be an object of request classes',
      'RATE_LIMITS.team.vote: must be an object of windows',
    ]);
  });

  it('refuses to start with invalid limits or an unknown store-failure policy', () => {
    expect(() => validateEnv({ RATE_LIMITS: '{"free":{"read":{"minute":-1}}}' })).toThrow(/RATE_LIMITS.free.read.minute/);
    expect(() => validateEnv({ RATE_LIMIT_STORE_FAILURE: 'maybe' })).toThrow(/RATE_LIMIT_STORE_FAILURE/);
    expect(validateEnv({}).RATE_LIMIT_STORE_FAILURE).toBe('open');
    expect(validateEnv({ RATE_LIMIT_STORE_FAILURE: 'closed' }).RATE_LIMIT_STORE_FAILURE).toBe('closed');
  });
});

describe('RATE_LIMITS_FOR_TOOLS', () => {
  it('is a valid setting that sets every limit far above the defaults', () => {
    const { limits, problems } = parseRateLimits(RATE_LIMITS_FOR_TOOLS);
    expect(problems).toEqual([]);
    for (const tier of Object.values(limits)) for (const cls of Object.values(tier)) expect(cls).toEqual({ minute: 1e9, day: 1e9 });
  });
});
