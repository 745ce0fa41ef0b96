/**
 * Fits the near-duplicate detector's logistic weights (DUPLICATE_MODEL in
 * libs/domain/traces near-duplicate.ts) on the TUNING half of tools/eval/duplicates/pairs.jsonl
 * only, and picks the refusal threshold there: the lowest score whose refusals keep precision
 * >= 0.95 out of fold, in 4-fold cross-validation on that half (three shuffles; each fold is
 * scored by weights fitted on the other three), and that refuses none of the seed corpus's
 * distinct traces contributed in order (tools/seed/corpus: any refusal there is a wrong one).
 * A threshold read off the weights' own training pairs is optimistic: they fit those pairs.
 * Prints the weights to paste into the model, and what they reach on both halves (the held-out
 * figures only measure, they choose nothing).
 * Plain batch gradient descent on the log loss with a small L2 penalty; no dependency.
 * Run: npm run eval:duplicates:fit
 */
import { cosine, hashingEmbed } from '@commontrace/domain-embedding';
import {
  DEFAULT_DUPLICATE_THRESHOLDS,
  duplicateEvidence,
  duplicateFeatures,
  DuplicateFeatures,
  DuplicateModel,
  duplicateScore,
  parsePairs,
  TraceText,
  traceText,
  verdictOf,
} from '@commontrace/domain-traces';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedCorpus } from './search/sets';

const L2 = 0.01;
const STEPS = 20000;
const RATE = 0.5;
const TARGET_PRECISION = 0.95;
const FOLDS = 4;
const PENALTIES = new Set<string>(['differentErrors', 'differentVersion', 'sameErrorOtherFix', 'sameTitleOtherFix']);

const pairs = parsePairs(readFileSync(join(__dirname, 'duplicates/pairs.jsonl'), 'utf8'));
const rows = pairs.map((p) => {
  const similarity = cosine(hashingEmbed(traceText(p.a)), hashingEmbed(traceText(p.b)));
  const evidence = duplicateEvidence(p.b, p.a, similarity);
  return { split: p.split, y: p.label === 'duplicate' ? 1 : 0, evidence, x: duplicateFeatures(evidence) };
});
const tuning = rows.filter((r) => r.split === 'tune' && r.evidence.similarity >= DEFAULT_DUPLICATE_THRESHOLDS.similarity);
const names = Object.keys(tuning[0].x) as (keyof DuplicateFeatures)[];

function fit(train: typeof tuning): DuplicateModel {
  const model: DuplicateModel = { bias: 0, weights: Object.fromEntries(names.map((n) => [n, 0])) as DuplicateFeatures };
  for (let step = 0; step < STEPS; step++) {
    let gradBias = 0;
    const grad = Object.fromEntries(names.map((n) => [n, 0])) as Record<keyof DuplicateFeatures, number>;
    for (const r of train) {
      const error = duplicateScore(r.evidence, model) - r.y;
      gradBias += error;
      for (const n of names) grad[n] += error * r.x[n];
    }
    model.bias -= (RATE * gradBias) / train.length;
    for (const n of names) {
      const w = model.weights[n] - RATE * (grad[n] / train.length + L2 * model.weights[n]);
      // Monotone: more agreement never lowers the score, a penalty never raises it.
      model.weights[n] = PENALTIES.has(n) ? Math.min(0, w) : Math.max(0, w);
    }
  }
  return model;
}

const model = fit(tuning);

type Row = (typeof rows)[number];
function refusals<R extends Row>(set: R[], duplicate: number, scoreOf: (r: R) => number = (r) => duplicateScore(r.evidence, model)) {
  let tp = 0;
  let fp = 0;
  for (const r of set) {
    const v = verdictOf(r.evidence, scoreOf(r), { ...DEFAULT_DUPLICATE_THRESHOLDS, duplicate, related: 0 });
    if (v.verdict !== 'duplicate') continue;
    if (r.y) tp += 1;
    else fp += 1;
  }
  const positives = set.filter((r) => r.y).length;
  return { precision: tp + fp ? tp / (tp + fp) : 1, recall: tp / positives, tp, fp };
}

/** Each tuning pair scored by weights fitted without its fold; the folds keep the share of duplicates. */
function outOfFoldScores(seed: number): Map<Row, number> {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const fold = new Map<Row, number>();
  for (const y of [0, 1]) {
    const shuffled = tuneRows.filter((r) => r.y === y).map((r) => ({ r, key: random() })).sort((a, b) => a.key - b.key);
    shuffled.forEach(({ r }, i) => fold.set(r, i % FOLDS));
  }
  const scores = new Map<Row, number>();
  for (let f = 0; f < FOLDS; f++) {
    const foldModel = fit(tuning.filter((r) => fold.get(r) !== f));
    for (const r of tuneRows) if (fold.get(r) === f) scores.set(r, duplicateScore(r.evidence, foldModel));
  }
  return scores;
}

const tuneRows = rows.filter((r) => r.split === 'tune');
const shuffles = [7, 108, 209].map(outOfFoldScores);
const outOfFold = shuffles.flatMap((scores) => tuneRows.map((r) => ({ ...r, score: scores.get(r) ?? 0 })));
let threshold = 1;
for (let t = 0.99; t >= 0.05; t -= 0.01) {
  const r = refusals(outOfFold, Number(t.toFixed(2)), (row) => row.score);
  if (r.precision >= TARGET_PRECISION) threshold = Number(t.toFixed(2));
}
const validated = threshold;

// The seed corpus holds distinct traces: the threshold stays above every score among them.
const corpus: TraceText[] = seedCorpus();
const vectors = corpus.map((t) => hashingEmbed(traceText(t)));
let corpusMax = 0;
corpus.forEach((trace, i) => {
  for (let j = 0; j < i; j++) {
    const evidence = duplicateEvidence(trace, corpus[j], cosine(vectors[i], vectors[j]));
    const score = duplicateScore(evidence, model);
    if (verdictOf(evidence, score, { ...DEFAULT_DUPLICATE_THRESHOLDS, duplicate: 0, related: 0 }).verdict === 'duplicate') corpusMax = Math.max(corpusMax, score);
  }
});
threshold = Math.max(validated, Math.floor(corpusMax * 100 + 1) / 100);

const round = (x: number) => Number(x.toFixed(2));
console.log(`bias: ${round(model.bias)},`);
for (const n of names) console.log(`    ${n}: ${round(model.weights[n])},`);
console.log(`\nlowest score with out-of-fold tuning precision >= ${TARGET_PRECISION}: ${validated}`);
console.log(`highest score among the seed corpus's distinct traces: ${corpusMax.toFixed(4)}`);
console.log(`refusal threshold: ${threshold}`);
const cv = refusals(outOfFold, threshold, (row) => row.score);
console.log(`tuning, out of fold: precision ${(100 * cv.precision).toFixed(1)}%, recall ${(100 * cv.recall).toFixed(1)}%`);
for (const [name, set] of [
  ['tuning', tuneRows],
  ['held-out', rows.filter((r) => r.split === 'holdout')],
] as const) {
  const r = refusals(set, threshold);
  console.log(`${name}: precision ${(100 * r.precision).toFixed(1)}%, recall ${(100 * r.recall).toFixed(1)}% (TP ${r.tp}, FP ${r.fp})`);
}

