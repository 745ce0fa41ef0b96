import { DuplicateThresholds, judgeDuplicate, TraceText } from './near-duplicate';

export interface LabelledPair {
  id: string;
  label: 'duplicate' | 'different';
  kind: string;
  a: TraceText;
  b: TraceText;
}

export interface DetectorScore {
  thresholds: DuplicateThresholds;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** Pairs judged wrongly, with the kind of pair. */
  mistakes: { id: string; label: string; kind: string; reason?: string }[];
}

/**
 * Scores the duplicate detector on labelled pairs: `similarity` gives the cosine of the two
 * traces' vectors (the embedding's part), judgeDuplicate does the rest, as at ingest.
 */
export function scoreDetector(
  pairs: LabelledPair[],
  similarity: (a: TraceText, b: TraceText) => number,
  thresholds: DuplicateThresholds,
): DetectorScore {
  const score: DetectorScore = {
    thresholds,
    precision: 0,
    recall: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
    mistakes: [],
  };
  for (const pair of pairs) {
    const verdict = judgeDuplicate(pair.b, pair.a, similarity(pair.a, pair.b), thresholds);
    const actual = pair.label === 'duplicate';
    if (verdict.duplicate && actual) score.truePositives += 1;
    else if (verdict.duplicate) score.falsePositives += 1;
    else if (actual) score.falseNegatives += 1;
    else score.trueNegatives += 1;
    if (verdict.duplicate !== actual) score.mistakes.push({ id: pair.id, label: pair.label, kind: pair.kind, reason: verdict.reason });
  }
  const flagged = score.truePositives + score.falsePositives;
  score.precision = flagged ? score.truePositives / flagged : 1;
  score.recall = score.truePositives / Math.max(1, score.truePositives + score.falseNegatives);
  return score;
}
