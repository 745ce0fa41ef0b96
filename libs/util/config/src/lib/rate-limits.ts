/** What a request counts against: reads (GET/HEAD), writes (every other change), votes (votes and verifications). */
export const REQUEST_CLASSES = ['read', 'write', 'vote'] as const;
export type RequestClass = (typeof REQUEST_CLASSES)[number];

/** The fixed windows every class is limited in. */
export const LIMIT_WINDOWS = ['minute', 'day'] as const;
export type LimitWindow = (typeof LIMIT_WINDOWS)[number];

export const RATE_LIMIT_TIERS = ['free', 'pro', 'team'] as const;
export type RateLimitTier = (typeof RATE_LIMIT_TIERS)[number];

export type WindowLimits = Record<LimitWindow, number>;
export type ClassLimits = Record<RequestClass, WindowLimits>;
export type TierLimits = Record<RateLimitTier, ClassLimits>;

/** Requests per account (all its keys together) per window, unless RATE_LIMITS overrides some of them. */
export const DEFAULT_RATE_LIMITS: TierLimits = {
  free: { read: { minute: 300, day: 20_000 }, write: { minute: 60, day: 2_000 }, vote: { minute: 60, day: 2_000 } },
  pro: { read: { minute: 3_000, day: 200_000 }, write: { minute: 600, day: 20_000 }, vote: { minute: 600, day: 20_000 } },
  team: { read: { minute: 15_000, day: 1_000_000 }, write: { minute: 3_000, day: 100_000 }, vote: { minute: 3_000, day: 100_000 } },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * RATE_LIMITS: JSON that overrides some of the defaults, e.g. `{"free":{"write":{"minute":10}}}`.
 * Returns the limits in force and every problem found (unknown tier, class or window; a limit
 * that is not a positive integer).
 */
export function parseRateLimits(raw: string | undefined): { limits: TierLimits; problems: string[] } {
  const limits: TierLimits = JSON.parse(JSON.stringify(DEFAULT_RATE_LIMITS));
  if (raw === undefined || raw.trim() === '') return { limits, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { limits, problems: ['RATE_LIMITS: is not valid JSON'] };
  }
  if (!isRecord(parsed)) return { limits, problems: ['RATE_LIMITS: must be a JSON object of tiers'] };
  const problems: string[] = [];
  for (const [tier, classes] of Object.entries(parsed)) {
    if (!(RATE_LIMIT_TIERS as readonly string[]).includes(tier)) {
      problems.push(`RATE_LIMITS: unknown tier ${JSON.stringify(tier)} (tiers: ${RATE_LIMIT_TIERS.join(', ')})`);
      continue;
    }
    if (!isRecord(classes)) {
      problems.push(`RATE_LIMITS.${tier}: must be an object of request classes`);
      continue;
    }
    for (const [cls, windows] of Object.entries(classes)) {
      if (!(REQUEST_CLASSES as readonly string[]).includes(cls)) {
        problems.push(`RATE_LIMITS.${tier}: unknown request class ${JSON.stringify(cls)} (classes: ${REQUEST_CLASSES.join(', ')})`);
        continue;
      }
      if (!isRecord(windows)) {
        problems.push(`RATE_LIMITS.${tier}.${cls}: must be an object of windows`);
        continue;
      }
      for (const [window, limit] of Object.entries(windows)) {
        if (!(LIMIT_WINDOWS as readonly string[]).includes(window)) {
          problems.push(`RATE_LIMITS.${tier}.${cls}: unknown window ${JSON.stringify(window)} (windows: ${LIMIT_WINDOWS.join(', ')})`);
        } else if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
          problems.push(`RATE_LIMITS.${tier}.${cls}.${window}: must be a positive integer`);
        } else {
          limits[tier as RateLimitTier][cls as RequestClass][window as LimitWindow] = limit;
        }
      }
    }
  }
  return { limits, problems };
}

/** A RATE_LIMITS value no test, benchmark or evaluation reaches (specs of the limits set low ones). */
export const RATE_LIMITS_FOR_TOOLS = JSON.stringify(
  Object.fromEntries(
    RATE_LIMIT_TIERS.map((tier) => [tier, Object.fromEntries(REQUEST_CLASSES.map((cls) => [cls, { minute: 1_000_000_000, day: 1_000_000_000 }]))]),
  ),
);

/**
 * New accounts (POST /api/v1/keys) per client network (IPv4 /24, IPv6 /48) per window, unless
 * REGISTRATION_LIMITS overrides some of them: enough for a person setting up a few agents, or an
 * office behind one address, and little for a script minting identities.
 */
export const DEFAULT_REGISTRATION_LIMITS: WindowLimits = { minute: 10, day: 100 };

/**
 * REGISTRATION_LIMITS: JSON that overrides some of the defaults, e.g. `{"minute":3,"day":20}`.
 * Returns the limits in force and every problem found (unknown window, a limit that is not a
 * positive integer).
 */
export function parseRegistrationLimits(raw: string | undefined): { limits: WindowLimits; problems: string[] } {
  const limits: WindowLimits = { ...DEFAULT_REGISTRATION_LIMITS };
  if (raw === undefined || raw.trim() === '') return { limits, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { limits, problems: ['REGISTRATION_LIMITS: is not valid JSON'] };
  }
  if (!isRecord(parsed)) return { limits, problems: ['REGISTRATION_LIMITS: must be a JSON object of windows'] };
  const problems: string[] = [];
  for (const [window, limit] of Object.entries(parsed)) {
    if (!(LIMIT_WINDOWS as readonly string[]).includes(window)) {
      problems.push(`REGISTRATION_LIMITS: unknown window ${JSON.stringify(window)} (windows: ${LIMIT_WINDOWS.join(', ')})`);
    } else if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
      problems.push(`REGISTRATION_LIMITS.${window}: must be a positive integer`);
    } else {
      limits[window as LimitWindow] = limit;
    }
  }
  return { limits, problems };
}

/** A REGISTRATION_LIMITS value no test, benchmark or evaluation reaches (they register many agents from one address). */
export const REGISTRATION_LIMITS_FOR_TOOLS = JSON.stringify({ minute: 1_000_000_000, day: 1_000_000_000 });
