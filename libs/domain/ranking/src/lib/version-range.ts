import { coerce, Range, SemVer } from 'semver';

/** Longer version strings are not versions: they are ignored (bounded work per request). */
export const MAX_VERSION_LENGTH = 64;

/** A declared version is a range when it carries an operator, a wildcard or an alternative. */
const RANGE_SYNTAX = /[<>=^~*|]|(?:^|[.\s])[xX](?:$|[.\s])|\s-\s/;

export type VersionComparison = 'inside_range' | 'outside_range' | 'same_major' | 'other_major' | 'unknown';

export interface LooseVersion {
  major: number;
  minor: number;
  version: string;
  /** The parsed form, handed to semver's range test as is. */
  parsed: SemVer;
}

/**
 * Parsing is the cost of context matching (a few µs per call), and the same few versions and
 * ranges recur across the candidates of a search: both are memoized, in maps cleared when they
 * reach MEMO_SIZE entries (bounded memory, no eviction bookkeeping).
 */
const MEMO_SIZE = 2048;
const versions = new Map<string, LooseVersion | null>();
const ranges = new Map<string, Range | null>();

function memo<T>(map: Map<string, T>, key: string, make: () => T): T {
  if (map.has(key)) return map.get(key) as T;
  if (map.size >= MEMO_SIZE) map.clear();
  const value = make();
  map.set(key, value);
  return value;
}

/** The searcher's loose version (`"20.11"`, `"v18"`, `"node 20.11.1"`) as major.minor.patch, or null. */
export function looseVersion(v: string): LooseVersion | null {
  if (typeof v !== 'string' || !v.trim() || v.length > MAX_VERSION_LENGTH) return null;
  return memo(versions, v, () => {
    const parsed = coerce(v);
    return parsed ? { major: parsed.major, minor: parsed.minor, version: parsed.version, parsed } : null;
  });
}

function parseRange(text: string): Range | null {
  return memo(ranges, text, () => {
    try {
      return new Range(text, { loose: true });
    } catch {
      return null;
    }
  });
}

/**
 * How the searcher's version relates to what the trace declares:
 * - a range (`">=18 <21"`, `"^5.0"`, `"~1.2"`, `"18.x"`, `"1 || 2"`) is checked with semver, the
 *   searcher's version coerced first (`"20.11"` → 20.11.0): `inside_range` or `outside_range`;
 * - a bare version (`"18.19"`, `"v5"`) says what it was written on, not what it excludes: the
 *   same major (for 0.x the same minor too, as in semver's caret) is `same_major`, otherwise
 *   `other_major`;
 * - anything unparsable on either side is `unknown`.
 */
export function compareToDeclared(searcher: string, declared: string): VersionComparison {
  const mine = looseVersion(searcher);
  if (!mine || typeof declared !== 'string' || !declared.trim() || declared.length > MAX_VERSION_LENGTH) return 'unknown';
  const text = declared.trim();
  if (RANGE_SYNTAX.test(text)) {
    const range = parseRange(text);
    if (!range) return 'unknown';
    return range.test(mine.parsed) ? 'inside_range' : 'outside_range';
  }
  const theirs = looseVersion(text);
  if (!theirs) return 'unknown';
  const same = mine.major === theirs.major && (mine.major !== 0 || mine.minor === theirs.minor);
  return same ? 'same_major' : 'other_major';
}
