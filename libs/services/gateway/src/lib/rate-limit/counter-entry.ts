import { LimitWindow } from '@commontrace/util-config';
import { Counter, WINDOW_MS } from './limits';

/** The counts one rate-limit entry holds, by counter key, each with the end of its window. */
export type Counts = Record<string, { n: number; end: number }>;

/**
 * Where a request's counters live: together in one entry, under the key of the counter whose
 * window is longest (the day's), in that window's bucket.
 */
export function entryOf(counters: Counter[]): { key: string; window: LimitWindow } {
  const longest = counters.reduce((a, b) => (WINDOW_MS[b.window] > WINDOW_MS[a.window] ? b : a));
  return { key: longest.key, window: longest.window };
}

/** Each counter's count in the entry, in the order of the counters (0 when the entry has none yet). */
export function countsOf(counters: Counter[], counts: Counts): number[] {
  return counters.map((c) => counts[c.key]?.n ?? 0);
}

/** Whether one of the counters has reached its limit: the request is refused, and nothing counted. */
export function atLimit(counters: Counter[], counts: Counts): boolean {
  return counters.some((c) => (counts[c.key]?.n ?? 0) >= c.limit);
}

/** The entry after one more request: every counter of it one higher, the counts of windows that have ended dropped. */
export function advanced(counts: Counts, counters: Counter[], now: number): Counts {
  const next: Counts = {};
  for (const [key, count] of Object.entries(counts)) if (count.end > now) next[key] = count;
  for (const c of counters) next[c.key] = { n: (counts[c.key]?.n ?? 0) + 1, end: c.end };
  return next;
}

/**
 * An entry's value: the counts by key; or, written before counters were kept together, a bare
 * number, the count of the entry's own counter (so an account's day count survives the upgrade).
 * Anything else counts as empty.
 */
export function parseCounts(value: string, key: string, counters: Counter[]): Counts {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return {};
  }
  if (typeof parsed === 'number') {
    const own = counters.find((c) => c.key === key);
    return own && Number.isSafeInteger(parsed) && parsed > 0 ? { [key]: { n: parsed, end: own.end } } : {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const counts: Counts = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    const { n, end } = (v ?? {}) as { n?: unknown; end?: unknown };
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && typeof end === 'number') counts[k] = { n, end };
  }
  return counts;
}
