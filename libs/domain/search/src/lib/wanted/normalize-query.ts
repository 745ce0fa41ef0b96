import { TOKEN_WEIGHTS, weightedTokens, WeightedTokens } from '@commontrace/domain-traces';

/**
 * Bounds of a wanted query: the display text is cut at `text` characters (a search's `q` is at
 * most 2,000), the normalized key holds at most `keyWords` words and `key` characters, and at most
 * `terms` distinctive terms are kept for finding the traces that answer it.
 */
export const WANTED_LIMITS = { text: 2000, keyWords: 64, key: 500, terms: 32 } as const;

/** A query as the wanted list keeps it. */
export interface NormalizedQuery {
  /** What aggregates: the same question in other words of case, spacing, punctuation, numbers, ids or paths. */
  key: string;
  /** Its distinctive terms (not generic words): a trace that answers it must share them. */
  terms: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const URL_START = /^[a-z][a-z0-9+.-]{0,20}:\/\//;
const DRIVE = /^[a-z]:[\\/]/;
const HEX_PREFIXED = /^0x[0-9a-f]+$/;
const ALNUM_RUN = /[\p{L}\p{N}_]+/gu;
const DIGITS = /^\p{N}+$/u;
const HEX_CHARS = /^[0-9a-f]+$/;

const LEADING = `"'\`([{<`;
const TRAILING = `"'\`)]}>,;:!?.`;

/** A whitespace-separated piece without the quotes, brackets and sentence punctuation around it (loops: linear). */
function trimPiece(piece: string): string {
  let start = 0;
  let end = piece.length;
  while (start < end && LEADING.includes(piece[start])) start += 1;
  while (end > start && TRAILING.includes(piece[end - 1])) end -= 1;
  return piece.slice(start, end);
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n += 1;
  return n;
}

/** A placeholder for a piece that names one searcher's thing (a url, uuid, path, hex id), else null. */
function placeholderOf(lowerPiece: string): string | null {
  if (URL_START.test(lowerPiece)) return '<url>';
  if (UUID.test(lowerPiece)) return '<id>';
  if (HEX_PREFIXED.test(lowerPiece)) return '<hex>';
  const isPath =
    lowerPiece.startsWith('/') ||
    lowerPiece.startsWith('~/') ||
    lowerPiece.startsWith('./') ||
    lowerPiece.startsWith('../') ||
    DRIVE.test(lowerPiece) ||
    lowerPiece.includes('\\') ||
    (countOf(lowerPiece, '/') >= 2 && !lowerPiece.startsWith('@'));
  return isPath && lowerPiece.length > 1 ? '<path>' : null;
}

/** A run of letters and digits that is a number or a hex id (8+ hex digits with a digit and a letter among them). */
function runPlaceholder(lowerRun: string): string | null {
  if (DIGITS.test(lowerRun)) return '<n>';
  if (lowerRun.length >= 8 && HEX_CHARS.test(lowerRun) && /\d/.test(lowerRun) && /[a-f]/.test(lowerRun)) return '<hex>';
  return null;
}

function pieces(text: string): string[] {
  return text
    .normalize('NFKC')
    .slice(0, WANTED_LIMITS.text)
    .split(/\s+/)
    .map(trimPiece)
    .filter((p) => p.length > 0);
}

/**
 * The key under which a query aggregates: lower case; urls, uuids, paths and hex ids become
 * `<url>`, `<id>`, `<path>`, `<hex>`; every other piece is cut into its runs of letters and
 * digits (punctuation goes), numbers become `<n>`; repeated placeholders collapse into one
 * (`18.17.0` is one `<n>`); words are joined by single spaces.
 */
export function normalizedKey(text: string): string {
  const words: string[] = [];
  const push = (w: string) => {
    if (words.length < WANTED_LIMITS.keyWords && !(w.startsWith('<') && words[words.length - 1] === w)) words.push(w);
  };
  for (const piece of pieces(text)) {
    const lower = piece.toLowerCase();
    const whole = placeholderOf(lower);
    if (whole) {
      push(whole);
      continue;
    }
    for (const run of lower.match(ALNUM_RUN) ?? []) push(runPlaceholder(run) ?? run);
  }
  return words.join(' ').slice(0, WANTED_LIMITS.key).trim();
}

/**
 * The text with what is particular to one searcher (urls, uuids, paths, hex ids, numbers) blanked
 * out, case kept: what the terms are read from, so that `/home/x/app/src/index.ts` or a port number
 * never has to appear in a trace for it to answer.
 */
function generalText(text: string): string {
  return pieces(text)
    .map((piece) => (placeholderOf(piece.toLowerCase()) ? ' ' : piece.replace(ALNUM_RUN, (run) => (runPlaceholder(run.toLowerCase()) ? ' ' : run))))
    .join(' ');
}

/**
 * The weighted terms of a query (code-aware tokens of domain-traces: identifiers and error codes
 * weigh most, generic words such as "error" or "install" almost nothing), without the generic ones,
 * at most WANTED_LIMITS.terms of them (the heaviest).
 */
export function wantedTerms(text: string): WeightedTokens {
  const all = weightedTokens(generalText(text));
  const kept = [...all.weights].filter(([, w]) => w > TOKEN_WEIGHTS.generic);
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const weights = new Map(kept.slice(0, WANTED_LIMITS.terms));
  let total = 0;
  for (const w of weights.values()) total += w;
  return { weights, total };
}

/** A query's key and distinctive terms (sorted), as stored in `wanted_queries`. */
export function normalizeQuery(text: string): NormalizedQuery {
  return { key: normalizedKey(text), terms: [...wantedTerms(text).weights.keys()].sort() };
}

/** The display form of a (redacted) query: trimmed, runs of whitespace as one space, at most WANTED_LIMITS.text characters. */
export function displayText(text: string): string {
  return text.normalize('NFKC').split(/\s+/).filter(Boolean).join(' ').slice(0, WANTED_LIMITS.text);
}
