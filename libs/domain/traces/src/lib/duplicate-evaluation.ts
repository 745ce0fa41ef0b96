import { DuplicateKind, DuplicateThresholds, judgeDuplicate, TraceText } from './near-duplicate';

export interface LabelledPair {
  id: string;
  label: 'duplicate' | 'different';
  /** How the pair was written: a kind of duplicate (paraphrase, renamed, …) or of hard negative (other-cause, same-fix, …). */
  kind: string;
  /** `tune` pairs chose the weights and thresholds; `holdout` pairs only measure them. */
  split?: 'tune' | 'holdout';
  /** The trace contributed first. */
  a: TraceText;
  /** The trace contributed second, judged against `a`. */
  b: TraceText;
}

export interface DetectorScore {
  thresholds: DuplicateThresholds;
  /** Of the pairs refused as duplicates, the share that are duplicates. */
  precision: number;
  /** Of the duplicates, the share refused. */
  recall: number;
  /** Of the duplicates, the share refused or linked `related`: found either way. */
  linkedRecall: number;
  /** Of the different pairs, the share linked `related` (a harmless but wrong link). */
  relatedDifferent: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** Pairs refused wrongly or not refused although duplicates, with their verdict. */
  mistakes: { id: string; label: string; kind: string; verdict: DuplicateKind; score: number; reason?: string }[];
}

/**
 * Scores the duplicate detector on labelled pairs: `similarity` gives the cosine of the two
 * traces' vectors (the embedding's part), judgeDuplicate does the rest, exactly as at ingest.
 * A positive is a refusal (`duplicate`); `related` counts as not refused.
 */
export function scoreDetector(pairs: LabelledPair[], similarity: (a: TraceText, b: TraceText) => number, thresholds: DuplicateThresholds): DetectorScore {
  const score: DetectorScore = {
    thresholds,
    precision: 0,
    recall: 0,
    linkedRecall: 0,
    relatedDifferent: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
    mistakes: [],
  };
  let linked = 0;
  let related = 0;
  for (const pair of pairs) {
    const verdict = judgeDuplicate(pair.b, pair.a, similarity(pair.a, pair.b), thresholds);
    const refused = verdict.verdict === 'duplicate';
    const actual = pair.label === 'duplicate';
    if (refused && actual) score.truePositives += 1;
    else if (refused) score.falsePositives += 1;
    else if (actual) score.falseNegatives += 1;
    else score.trueNegatives += 1;
    if (actual && verdict.verdict !== 'none') linked += 1;
    if (!actual && verdict.verdict === 'related') related += 1;
    if (refused !== actual) {
      score.mistakes.push({ id: pair.id, label: pair.label, kind: pair.kind, verdict: verdict.verdict, score: verdict.score, reason: verdict.reason });
    }
  }
  const duplicates = score.truePositives + score.falseNegatives;
  const refusals = score.truePositives + score.falsePositives;
  score.precision = refusals ? score.truePositives / refusals : 1;
  score.recall = duplicates ? score.truePositives / duplicates : 0;
  score.linkedRecall = duplicates ? linked / duplicates : 0;
  const different = score.falsePositives + score.trueNegatives;
  score.relatedDifferent = different ? related / different : 0;
  return score;
}

/** Reads a JSON-lines file of labelled pairs. */
export function parsePairs(jsonl: string): LabelledPair[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledPair);
}
