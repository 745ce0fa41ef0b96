/**
 * Fits the near-duplicate detector's logistic weights (DUPLICATE_MODEL in
 * libs/domain/traces near-duplicate.ts) on the TUNING half of tools/eval/duplicates/pairs.jsonl
 * only, and picks the refusal threshold there: the lowest score whose refusals keep precision
 * >= 0.95 on that half. Prints the weights to paste into the model, and what they reach on
 * both halves (the held-out figures only measure, they choose nothing).
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
  traceText,
  verdictOf,
} from '@commontrace/domain-traces';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const L2 = 0.01;
const STEPS = 20000;
const RATE = 0.5;
const TARGET_PRECISION = 0.95;
const PENALTIES = new Set<string>(['differentErrors', 'differentVersion', 'sameErrorOtherFix', 'sameTitleOtherFix']);

const pairs = parsePairs(readFileSync(join(__dirname, 'duplicates/pairs.jsonl'), 'utf8'));
const rows = pairs.map((p) => {
  const similarity = cosine(hashingEmbed(traceText(p.a)), hashingEmbed(traceText(p.b)));
  const evidence = duplicateEvidence(p.b, p.a, similarity);
  return { split: p.split, y: p.label === 'duplicate' ? 1 : 0, evidence, x: duplicateFeatures(evidence) };
});
const tuning = rows.filter((r) => r.split === 'tune' && r.evidence.similarity >= DEFAULT_DUPLICATE_THRESHOLDS.similarity);
const names = Object.keys(tuning[0].x) as (keyof DuplicateFeatures)[];

const model: DuplicateModel = { bias: 0, weights: Object.fromEntries(names.map((n) => [n, 0])) as DuplicateFeatures };
for (let step = 0; step < STEPS; step++) {
  let gradBias = 0;
  const grad = Object.fromEntries(names.map((n) => [n, 0])) as Record<keyof DuplicateFeatures, number>;
  for (const r of tuning) {
    const error = duplicateScore(r.evidence, model) - r.y;
    gradBias += error;
    for (const n of names) grad[n] += error * r.x[n];
  }
  model.bias -= (RATE * gradBias) / tuning.length;
  for (const n of names) {
    const w = model.weights[n] - RATE * (grad[n] / tuning.length + L2 * model.weights[n]);
    // Monotone: more agreement never lowers the score, a penalty never raises it.
    model.weights[n] = PENALTIES.has(n) ? Math.min(0, w) : Math.max(0, w);
  }
}

type Row = (typeof rows)[number];
function refusals(set: Row[], duplicate: number) {
  let tp = 0;
  let fp = 0;
  for (const r of set) {
    const v = verdictOf(r.evidence, duplicateScore(r.evidence, model), { ...DEFAULT_DUPLICATE_THRESHOLDS, duplicate, related: 0 });
    if (v.verdict !== 'duplicate') continue;
    if (r.y) tp += 1;
    else fp += 1;
  }
  const positives = set.filter((r) => r.y).length;
  return { precision: tp + fp ? tp / (tp + fp) : 1, recall: tp / positives, tp, fp };
}

const tuneRows = rows.filter((r) => r.split === 'tune');
let threshold = 1;
for (let t = 0.99; t >= 0.05; t -= 0.01) {
  const r = refusals(tuneRows, Number(t.toFixed(2)));
  if (r.precision >= TARGET_PRECISION) threshold = Number(t.toFixed(2));
}
const round = (x: number) => Number(x.toFixed(2));
console.log(`bias: ${round(model.bias)},`);
for (const n of names) console.log(`    ${n}: ${round(model.weights[n])},`);
console.log(`\nrefusal threshold (lowest with tuning precision >= ${TARGET_PRECISION}): ${threshold}`);
for (const [name, set] of [
  ['tuning', tuneRows],
  ['held-out', rows.filter((r) => r.split === 'holdout')],
] as const) {
  const r = refusals(set, threshold);
  console.log(`${name}: precision ${(100 * r.precision).toFixed(1)}%, recall ${(100 * r.recall).toFixed(1)}% (TP ${r.tp}, FP ${r.fp})`);
}

