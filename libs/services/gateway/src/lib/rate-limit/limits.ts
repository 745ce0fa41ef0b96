import { LIMIT_WINDOWS, LimitWindow, RATE_LIMIT_TIERS, RateLimitTier, RequestClass, TierLimits, WindowLimits } from '@commontrace/util-config';

export const WINDOW_MS: Record<LimitWindow, number> = { minute: 60_000, day: 86_400_000 };

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Votes and verifications on a trace: /api/v1/traces/{id}/votes, .../verifications.
const VOTE_PATH = /\/traces\/[^/]+\/(?:votes|verifications)\/?$/;

/** What a request counts against. Searching (POST /traces/search) is a read. */
export function classify(method: string, path: string): RequestClass {
  if (READ_METHODS.has(method)) return 'read';
  if (path.endsWith('/traces/search')) return 'read';
  if (VOTE_PATH.test(path)) return 'vote';
  return 'write';
}

/** An account's tier as configured; a tier the configuration does not know counts as free. */
export function tierOf(tier: string): RateLimitTier {
  return (RATE_LIMIT_TIERS as readonly string[]).includes(tier) ? (tier as RateLimitTier) : 'free';
}

/** The fixed window that holds `now`: its start (epoch ms) and when it ends. */
export function windowAt(window: LimitWindow, now: number): { start: number; end: number } {
  const start = now - (now % WINDOW_MS[window]);
  return { start, end: start + WINDOW_MS[window] };
}

/**
 * What a counter counts besides the tier classes: registrations, per client network (see
 * registration-limit.guard.ts).
 */
export const REGISTRATION = 'registration';

/** One counter: per account (or network), class and window instance. Only characters NATS KV keys allow. */
export function counterKey(subject: string, cls: RequestClass | typeof REGISTRATION, window: LimitWindow, start: number): string {
  return `${subject}.${cls}.${window}.${start}`;
}

export interface Counter {
  window: LimitWindow;
  key: string;
  limit: number;
  /** When the window ends (epoch ms): the counter is not needed after it. */
  end: number;
}

export function countersFor(subject: string, cls: RequestClass | typeof REGISTRATION, limits: WindowLimits, now: number): Counter[] {
  return LIMIT_WINDOWS.map((window) => {
    const { start, end } = windowAt(window, now);
    return { window, key: counterKey(subject, cls, window, start), limit: limits[window], end };
  });
}

export interface LimitState {
  window: LimitWindow;
  limit: number;
  used: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again (at least 1). */
  reset_seconds: number;
}

export function limitState(counter: Counter, used: number, now: number): LimitState {
  return {
    window: counter.window,
    limit: counter.limit,
    used,
    remaining: Math.max(0, counter.limit - used),
    reset_seconds: Math.max(1, Math.ceil((counter.end - now) / 1000)),
  };
}

/** The limit a client is closest to: least remaining, and of equals the one that resets last. */
export function tightest(states: LimitState[]): LimitState {
  return states.reduce((a, b) => (b.remaining < a.remaining || (b.remaining === a.remaining && b.reset_seconds > a.reset_seconds) ? b : a));
}

/** The limit that refused a request: of those used up, the one that frees last (Retry-After). */
export function exhausted(states: LimitState[]): LimitState | undefined {
  const out = states.filter((s) => s.remaining === 0);
  return out.length ? out.reduce((a, b) => (b.reset_seconds > a.reset_seconds ? b : a)) : undefined;
}

/** RateLimit-Limit, -Remaining and -Reset as draft-ietf-httpapi-ratelimit-headers-07 defines them (Reset in delta-seconds). */
export function rateLimitHeaders(state: LimitState): Record<string, string> {
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.reset_seconds),
  };
}

/**
 * The subject registrations are counted under: the hash of the client's network (registrationOrigin,
 * so that no address is kept in the counters), or one shared subject when the address is unknown.
 */
export function registrationSubject(origin: string | null): string {
  return `origin-${origin ?? 'unknown'}`;
}

export type { TierLimits };
