/**
 * The offline embedding: signed feature hashing of words, word pairs and character trigrams
 * into a fixed number of dimensions. Deterministic, needs no model and no network, and is
 * honest about what it is: a lexical similarity (shared words and word pieces), not semantics.
 */
export const HASHING_MODEL_ID = 'offline-hash-v1';
export const HASHING_DIMENSIONS = 1536;

const WEIGHTS = { word: 1, pair: 0.7, trigram: 0.35 } as const;

/** A small English stop list: words that carry no topic. */
const STOP = new Set(
  'a an and are as at be by for from has have how i if in into is it its of on or that the this to was were what when where which why will with you your my we our not no do does did can'.split(
    ' ',
  ),
);

/** FNV-1a, 32 bit: fast, stable across platforms and releases. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+(?:[.+#-][\p{L}\p{N}_]+)*[+#]*/gu) ?? []).filter((t) => !STOP.has(t));
}

function add(vector: Float32Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  const index = h % vector.length;
  // The sign comes from another bit of the hash so collisions cancel out on average.
  vector[index] += (h & 0x80000000) !== 0 ? -weight : weight;
}

export function hashingEmbed(text: string, dimensions = HASHING_DIMENSIONS): number[] {
  const vector = new Float32Array(dimensions);
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const bump = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);

  tokens.forEach((token, i) => {
    bump(`w:${token}`, WEIGHTS.word);
    if (i > 0) bump(`p:${tokens[i - 1]} ${token}`, WEIGHTS.pair);
    const padded = `^${token}$`;
    for (let j = 0; j + 3 <= padded.length; j++) bump(`t:${padded.slice(j, j + 3)}`, WEIGHTS.trigram);
  });
  // Sublinear term frequency: a word repeated ten times is not ten times as telling.
  for (const [feature, weight] of counts) add(vector, feature, 1 + Math.log(weight));

  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  return Array.from(vector, (v) => (norm > 0 ? v / norm : 0));
}

/** The offline model has no token limit; its work is linear, and this bounds it per text. */
export const HASHING_MAX_INPUT_CHARS = 32_000;

/** At most `maxChars` UTF-16 units, never splitting a surrogate pair. */
export function truncateChars(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const last = text.charCodeAt(maxChars - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars);
}

/**
 * The offline model's vector of a text, as the embedding service's offline provider computes it
 * (the text cut at HASHING_MAX_INPUT_CHARS): a pure function, so ingest computes it in process
 * while the offline model is the serving one.
 */
export function offlineVector(text: string): number[] {
  return hashingEmbed(truncateChars(text, HASHING_MAX_INPUT_CHARS));
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
