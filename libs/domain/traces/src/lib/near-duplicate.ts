/**
 * Near-duplicate confirmation. Embeddings find candidates; this decides, from the texts alone,
 * whether a candidate says the same thing. Two traces are duplicates when their vectors are
 * close, their words overlap enough, and they do not name different versions or different
 * errors: a trace about Node 18 is not a duplicate of the same trace about Node 20.
 */
export interface DuplicateThresholds {
  /** Minimum cosine similarity of the two vectors. */
  similarity: number;
  /** Minimum overlap of the two word sets (|A∩B| / min(|A|, |B|)). */
  overlap: number;
  /** Minimum overlap of the solutions' words: the same fix, not only the same symptom. */
  solutionOverlap: number;
}

/**
 * Chosen on tools/seed/duplicate-pairs.jsonl with the offline embedding (npm run eval:duplicates):
 * precision 80%, recall 85%. A model with real semantics separates pairs better; the similarity
 * threshold is configurable (DUPLICATE_MIN_SIMILARITY) because its scale depends on the model.
 */
export const DEFAULT_DUPLICATE_THRESHOLDS: DuplicateThresholds = { similarity: 0.5, overlap: 0.3, solutionOverlap: 0.4 };

export interface TraceText {
  title: string;
  context_text: string;
  solution_text: string;
}

export interface DuplicateVerdict {
  duplicate: boolean;
  similarity: number;
  overlap: number;
  /** Why a close candidate was kept apart, when it was. */
  reason?: 'low_similarity' | 'low_overlap' | 'different_solutions' | 'different_versions' | 'different_errors';
}

const STOP = new Set(
  'a an and are as at be but by can do does for from has have how i if in into is it its not of on or so that the then this to use using was we when where which while with you your'.split(' '),
);

export function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9_]+(?:[.+#-][a-z0-9_]+)*/g) ?? []).filter((w) => w.length > 1 && !STOP.has(w)));
}

/** Version numbers named in the text (major.minor at least), normalized to major.minor. */
export function versions(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/(?<![\w.])v?(\d{1,4})\.(\d{1,4})(?:\.\d+)*(?![\w.]*\d)/g)].map((m) => `${m[1]}.${m[2]}`),
  );
}

/** Error identifiers: Node/npm codes, errno names, exception class names, HTTP and exit statuses. */
export function errorMarkers(text: string): Set<string> {
  const found = text.match(/\b(?:ERR_[A-Z0-9_]+|E[A-Z]{3}[A-Z0-9_]*|[A-Z][a-zA-Z]+(?:Error|Exception)|TS\d{4}|HTTP \d{3}|\d{3} (?:Not Found|Forbidden|Unauthorized|Bad Gateway|Service Unavailable))\b/g);
  return new Set(found ?? []);
}

function overlapOf(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

/** Both name some, and neither's are all named by the other. */
function conflicting(a: Set<string>, b: Set<string>): boolean {
  if (!a.size || !b.size) return false;
  const aInB = [...a].every((x) => b.has(x));
  const bInA = [...b].every((x) => a.has(x));
  return !aInB && !bInA;
}

export function judgeDuplicate(
  candidate: TraceText,
  existing: TraceText,
  similarity: number,
  thresholds: DuplicateThresholds = DEFAULT_DUPLICATE_THRESHOLDS,
): DuplicateVerdict {
  const textA = `${candidate.title}\n${candidate.context_text}\n${candidate.solution_text}`;
  const textB = `${existing.title}\n${existing.context_text}\n${existing.solution_text}`;
  const overlap = Number(overlapOf(words(textA), words(textB)).toFixed(4));
  const verdict = { similarity: Number(similarity.toFixed(4)), overlap };
  if (similarity < thresholds.similarity) return { ...verdict, duplicate: false, reason: 'low_similarity' };
  if (overlap < thresholds.overlap) return { ...verdict, duplicate: false, reason: 'low_overlap' };
  if (overlapOf(words(candidate.solution_text), words(existing.solution_text)) < thresholds.solutionOverlap) {
    return { ...verdict, duplicate: false, reason: 'different_solutions' };
  }
  if (conflicting(versions(`${candidate.title}\n${candidate.context_text}`), versions(`${existing.title}\n${existing.context_text}`))) {
    return { ...verdict, duplicate: false, reason: 'different_versions' };
  }
  if (conflicting(errorMarkers(textA), errorMarkers(textB))) return { ...verdict, duplicate: false, reason: 'different_errors' };
  return { ...verdict, duplicate: true };
}
