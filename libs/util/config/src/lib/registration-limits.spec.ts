import { DEFAULT_REGISTRATION_LIMITS, parseRegistrationLimits, REGISTRATION_LIMITS_FOR_TOOLS } from './rate-limits';
import { validateEnv } from './validate-env';

describe('parseRegistrationLimits', () => {
  it('is the defaults without a setting, and overrides only the windows it names', () => {
    expect(parseRegistrationLimits(undefined)).toEqual({ limits: DEFAULT_REGISTRATION_LIMITS, problems: [] });
    expect(parseRegistrationLimits('{"day":7}')).toEqual({ limits: { minute: DEFAULT_REGISTRATION_LIMITS.minute, day: 7 }, problems: [] });
    expect(DEFAULT_REGISTRATION_LIMITS.day).not.toBe(7);
    expect(parseRegistrationLimits(REGISTRATION_LIMITS_FOR_TOOLS).limits).toEqual({ minute: 1e9, day: 1e9 });
  });

  it('names every problem, and the process refuses to start with one', () => {
    expect(parseRegistrationLimits('nope').problems).toEqual(['REGISTRATION_LIMITS: is not valid JSON']);
    expect(parseRegistrationLimits('[3]').problems).toEqual(['REGISTRATION_LIMITS: must be a JSON object of windows']);
    expect(parseRegistrationLimits('{"hour":1,"minute":0,"day":"5"}').problems).toEqual([
      'REGISTRATION_LIMITS: unknown window "hour" (windows: minute, day)',
      'REGISTRATION_LIMITS.minute: must be a positive integer',
      'REGISTRATION_LIMITS.day: must be a positive integer',
    ]);
    expect(() => validateEnv({ REGISTRATION_LIMITS: '{"minute":-1}' })).toThrow(/REGISTRATION_LIMITS.minute/);
  });
});
