/**
 * Code-aware tokens for comparing two traces. A trace mixes prose with identifiers, error
 * codes, paths, flags and package names; the identifiers say far more about which problem it
 * is than the prose does. Tokens are weighted by their shape, an IDF stand-in that needs no
 * corpus statistics: code-like tokens weigh most, ordinary words less, and the words every
 * trace uses ("error", "fails", "install", "version") almost nothing.
 */
import { canonicalWord } from './coding-lexicon';

/** English function words: never tokens. */
const STOP = new Set(
  (
    'a an and are as at be been but by can could do does did for from had has have how i if in into is it its ' +
    'just me my no not of on once only or our so some such than that the their them then there these they this ' +
    'those to too us very was we were what when where which while who why will with would you your yet all any ' +
    'also after before again each every other same both more most own off out over under up down here via per'
  ).split(' '),
);

/**
 * Words that nearly every trace contains, whatever its problem: they show that two texts are
 * traces, not that they are the same trace.
 */
const GENERIC = new Set(
  (
    'error errors fail fails failed failing failure work works worked working run runs running ran start starts ' +
    'started startup use used uses get gets got set sets make makes made add added adds new old fix fixed fixes ' +
    'issue problem instead because since still now even way need needs needed try tried see shows shown show says ' +
    'said message log logs file files code project app application build built install installed installing ' +
    'version versions upgrade upgraded upgrading update updated command line default value values like one two ' +
    'first time times every always never should must may might keep keeps kept call calls called return returns ' +
    'returned change changed changes it\'s don\'t doesn\'t can\'t isn\'t won\'t true false null undefined etc ' +
    'option options config configuration setting settings local locally instead either without within another ' +
    'something anything nothing thing things whole part'
  ).split(' '),
);

export const TOKEN_WEIGHTS = { code: 2.5, word: 1, generic: 0.2 } as const;

export interface WeightedTokens {
  /** Token → weight; a token counts once, however often it appears. */
  weights: Map<string, number>;
  total: number;
}

/** Identifier-like: inner capital, underscore, digits mixed with letters, dotted/slashed paths, flags, scoped names. */
function isCodeLike(raw: string): boolean {
  return (
    /[a-z][A-Z]/.test(raw) ||
    /_/.test(raw) ||
    /[A-Za-z]\d|\d[A-Za-z]/.test(raw) ||
    /[./:@#$]/.test(raw) ||
    /^-/.test(raw) ||
    /^[A-Z]{3,}$/.test(raw)
  );
}

/** A light, predictable stemmer for prose words: plural and -ing/-ed endings. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('es') && !word.endsWith('ses')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** A prose word as compared: its lexicon group's canonical word, else its stem (or the stem's group). */
export function normalizeWord(lower: string): string {
  const canonical = canonicalWord(lower);
  return canonical !== lower ? canonical : canonicalWord(stem(lower));
}

/** Raw tokens: runs of word characters joined by the punctuation identifiers use (`express.raw`, `@types/node`, `--force`). */
export function rawTokens(text: string): string[] {
  const found = text.match(/-{0,2}[\p{L}\p{N}_$@][\p{L}\p{N}_$@./:#+-]*/gu) ?? [];
  return found.map(trimTrailing).filter((t) => t.length > 1);
}

/** Trailing punctuation belongs to the sentence, not the token (a loop, not a regex, to stay linear). */
function trimTrailing(token: string): string {
  let end = token.length;
  while (end > 0 && './:#+-'.includes(token[end - 1])) end -= 1;
  return token.slice(0, end);
}

/**
 * Weighted tokens of a text. A code-like token also contributes its parts (`express.json` gives
 * `express` and `json`) as ordinary words, so `express.json()` and "the express json parser" meet.
 */
export function weightedTokens(text: string): WeightedTokens {
  const weights = new Map<string, number>();
  const put = (token: string, weight: number) => {
    if (weight > (weights.get(token) ?? 0)) weights.set(token, weight);
  };
  const word = (w: string) => {
    const lower = w.toLowerCase();
    if (lower.length < 2 || STOP.has(lower) || /^\d+$/.test(lower)) return;
    const canonical = normalizeWord(lower);
    put(canonical, GENERIC.has(lower) || GENERIC.has(canonical) ? TOKEN_WEIGHTS.generic : TOKEN_WEIGHTS.word);
  };
  for (const raw of rawTokens(text)) {
    if (isCodeLike(raw)) {
      put(raw.toLowerCase().replace(/^-+/, '-'), TOKEN_WEIGHTS.code);
      for (const part of raw.split(/[^\p{L}\p{N}]+/u)) word(part);
    } else word(raw);
  }
  let total = 0;
  for (const w of weights.values()) total += w;
  return { weights, total };
}

/** Code-like tokens only (identifiers, codes, paths, flags): the fingerprint of a trace. */
export function codeTokens(tokens: WeightedTokens): Set<string> {
  const out = new Set<string>();
  for (const [t, w] of tokens.weights) if (w === TOKEN_WEIGHTS.code) out.add(t);
  return out;
}

/** Weight shared by both, over the smaller side's weight: 1 when one text's tokens are all in the other. */
export function weightedOverlap(a: WeightedTokens, b: WeightedTokens): number {
  const [small, large] = a.total <= b.total ? [a, b] : [b, a];
  if (!small.total) return 0;
  let shared = 0;
  for (const [t, w] of small.weights) if (large.weights.has(t)) shared += Math.min(w, large.weights.get(t) ?? 0);
  return shared / small.total;
}

/** Weight shared by both, over the weight of either (a weighted Jaccard): low when one side says much more. */
export function weightedJaccard(a: WeightedTokens, b: WeightedTokens): number {
  let shared = 0;
  for (const [t, w] of a.weights) if (b.weights.has(t)) shared += Math.min(w, b.weights.get(t) ?? 0);
  const union = a.total + b.total - shared;
  return union > 0 ? shared / union : 0;
}

/** Character trigrams of the words (stop words dropped): they meet across inflections and compounds. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of rawTokens(text)) {
    const lower = raw.toLowerCase();
    if (STOP.has(lower)) continue;
    const padded = `^${normalizeWord(lower)}$`;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** Shared over all (Jaccard) of two sets, 0 when either is empty. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / (a.size + b.size - shared);
}
