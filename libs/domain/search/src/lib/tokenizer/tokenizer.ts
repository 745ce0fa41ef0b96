import { stem } from 'porter2';

/**
 * The version of the terms below. Stored beside the lexical index: when a change here would
 * give a text different terms, bump it and run `npm run search:reindex`.
 */
export const TOKENIZER_VERSION = 1;

export const TOKENIZER_LIMITS = {
  /** Characters of a text read at most (longer texts are cut there). */
  maxChars: 50_000,
  /** Terms taken from one text at most (occurrences, whole identifiers and parts counted). */
  maxTerms: 8_000,
  /** Distinct terms of a query at most. */
  maxQueryTerms: 64,
  /** A part longer than this (hashes, base64) is no term. */
  maxPartLength: 40,
  /** A whole identifier, path or code longer than this is not kept whole (its parts still are). */
  maxWholeLength: 80,
} as const;

/**
 * Runs of the characters that identifiers, paths, flags and codes are made of. One character
 * class under one quantifier: linear time whatever the input.
 */
const CHUNK = /[\p{L}\p{N}_.\-/\\:'’]+/gu;
/** Separators between the segments of a dotted name, a path or a URL. */
const SEGMENT_SEPARATORS = /[./\\:]+/u;
/** Separators inside a segment: snake_case, kebab-case, ORA-00942, apostrophes. */
const WORD_SEPARATORS = /[_\-'’]+/u;
/** Punctuation trimmed from both ends of a chunk (by a loop: an end-anchored regex would backtrack). */
const EDGE = new Set(['.', '-', '/', '\\', ':', '_', "'", '’']);
const FLAG = /^--?\p{L}[\p{L}\p{N}_-]*$/u;
const ASCII_WORD = /^[a-z]+$/;
const HAS_DIGIT = /\p{N}/u;
const HAS_LOWER = /\p{Ll}/u;

/**
 * The search terms of a text, with how often each occurs. Code-aware:
 * - identifiers are kept whole and split: `app.state.http_client` gives `app.state.http_client`,
 *   `http_client`, `app`, `state`, `http`, `client`; `useMemo` gives `usememo`, `use`, `memo`;
 *   paths give the whole path, the file name and each segment; `--force` gives `--force` and `forc`;
 * - error codes and other tokens with digits (`TS2307`, `E0502`, `ORA-00942`, `0x80070005`) and
 *   words in capitals (`ECONNREFUSED`) are kept unstemmed, lowercased (capitals also stemmed, so
 *   `FAILED` meets `failed`);
 * - other words are lowercased and stemmed (Snowball English); there is no stop-word list;
 * - every character is text: `-`, `!`, `|`, `&`, quotes and parentheses are never operators.
 * Linear in the text's length, reads at most `maxChars` characters and yields at most `maxTerms`.
 */
export function searchTerms(text: string): Map<string, number> {
  const terms = new Map<string, number>();
  let budget = TOKENIZER_LIMITS.maxTerms;
  const add = (term: string) => {
    if (budget <= 0 || !term) return;
    terms.set(term, (terms.get(term) ?? 0) + 1);
    budget -= 1;
  };
  const input = text.length > TOKENIZER_LIMITS.maxChars ? text.slice(0, TOKENIZER_LIMITS.maxChars) : text;
  for (const match of input.matchAll(CHUNK)) {
    if (budget <= 0) break;
    chunkTerms(match[0], add);
  }
  return terms;
}

/** The distinct terms of a query, in the order they first occur, at most `maxQueryTerms`. */
export function queryTerms(text: string): string[] {
  return [...searchTerms(text).keys()].slice(0, TOKENIZER_LIMITS.maxQueryTerms);
}

function chunkTerms(raw: string, add: (term: string) => void): void {
  let end = raw.length;
  while (end > 0 && EDGE.has(raw[end - 1])) end--;
  let start = 0;
  while (start < end && EDGE.has(raw[start])) start++;
  const trimmedEnd = raw.slice(0, end);
  const flag = FLAG.test(trimmedEnd);
  const chunk = raw.slice(start, end);
  if (!chunk) return;
  if (flag) {
    keepWhole(trimmedEnd, add);
  }
  const segments = chunk.split(SEGMENT_SEPARATORS).filter(Boolean);
  const compound = segments.length > 1;
  if (compound) {
    keepWhole(chunk, add);
    // A path's file name (`main.py` of `app/main.py`) is also looked for on its own.
    const slash = Math.max(chunk.lastIndexOf('/'), chunk.lastIndexOf('\\'));
    if (slash >= 0 && chunk.indexOf('.', slash) > slash + 1) keepWhole(chunk.slice(slash + 1), add);
  }
  for (const segment of segments) segmentTerms(segment, add);
}

/** A segment (no dots or slashes): kept whole when compound, then its words. */
function segmentTerms(segment: string, add: (term: string) => void): void {
  if (/['’]/u.test(segment) && !/[_-]/u.test(segment)) {
    contraction(segment, add);
    return;
  }
  const pieces = segment.split(WORD_SEPARATORS).filter(Boolean);
  const words: string[] = [];
  for (const piece of pieces) for (const w of camelWords(piece)) words.push(w);
  if (words.length > 1) keepWhole(segment, add);
  for (const w of words) wordTerms(w, add);
}

/** `isn't` → `is`, `not`; `don't` → `do`, `not`; `it's` → `it`; other contractions split. */
function contraction(segment: string, add: (term: string) => void): void {
  const [head, ...rest] = segment.split(/['’]+/u).filter(Boolean);
  if (!head) return;
  const tail = rest.join('').toLowerCase();
  if (tail === 't' && /n$/iu.test(head)) {
    const base = head.slice(0, -1).toLowerCase();
    wordTerms(base === 'ca' ? 'can' : base === 'wo' ? 'will' : base, add);
    add('not');
    return;
  }
  wordTerms(head, add);
  if (tail && tail !== 's') wordTerms(tail, add);
}

function keepWhole(text: string, add: (term: string) => void): void {
  if (text.length <= TOKENIZER_LIMITS.maxWholeLength) add(text.toLowerCase());
}

/** One word: a code or capitals unstemmed (capitals also stemmed), an ordinary word stemmed. */
function wordTerms(word: string, add: (term: string) => void): void {
  if (word.length > TOKENIZER_LIMITS.maxPartLength) return;
  const lower = word.toLowerCase();
  if (HAS_DIGIT.test(word)) {
    add(lower);
    return;
  }
  if (!ASCII_WORD.test(lower)) {
    add(lower);
    return;
  }
  const stemmed = stem(lower);
  const capitals = word.length >= 3 && !HAS_LOWER.test(word);
  if (capitals && stemmed !== lower) add(lower);
  add(stemmed);
}

/**
 * The words of a camelCase or PascalCase piece: a new word starts at a capital after a small
 * letter or a digit, and at the last capital of a run of capitals followed by a small letter
 * (`HTTPServer` → `HTTP`, `Server`). Digits stay with the word before them. One pass.
 */
export function camelWords(piece: string): string[] {
  const words: string[] = [];
  let start = 0;
  const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
  const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
  const chars = [...piece];
  for (let i = 1; i < chars.length; i++) {
    const prev = chars[i - 1];
    const cur = chars[i];
    const next = chars[i + 1];
    const boundary = (isUpper(cur) && (isLower(prev) || /\p{N}/u.test(prev))) || (isUpper(cur) && isUpper(prev) && next !== undefined && isLower(next));
    if (boundary) {
      words.push(chars.slice(start, i).join(''));
      start = i;
    }
  }
  words.push(chars.slice(start).join(''));
  return words.filter(Boolean);
}
