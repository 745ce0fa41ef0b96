/**
 * Exponential back-off with full jitter: a random delay between 0 and min(cap, base * 2^attempt).
 * Jitter keeps many clients that failed together from retrying together.
 */
export function backoffDelayMs(attempt: number, baseMs = 500, capMs = 20_000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** Rate limits, timeouts and server errors are worth retrying; other client errors are not. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true; // no answer at all: a network error
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The delay a server asked for in Retry-After (seconds or an HTTP date), if any, capped. */
export function retryAfterMs(header: string | null | undefined, capMs = 60_000, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, capMs) : undefined;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
