/**
 * Measures the near-duplicate detector that ingest runs (judgeDuplicate over the offline
 * hashing embedding, ingest's default provider) on the labelled pairs in
 * tools/eval/duplicates/pairs.jsonl, then on the seed corpus contributed in order.
 * Prints, for the tuning half, the held-out half and all pairs, precision and recall of
 * refusals along a sweep of the refusal threshold, and the configured operating point.
 * Run: npm run eval:duplicates
 */
import { cosine, hashingEmbed } from '@commontrace/domain-embedding';
import { DEFAULT_DUPLICATE_THRESHOLDS, judgeDuplicate, LabelledPair, parsePairs, scoreDetector, traceText } from '@commontrace/domain-traces';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedCorpus } from './search/sets';

type Text = LabelledPair['a'];
const vectors = new Map<string, number[]>();
const embed = (t: Text) => {
  const text = traceText(t);
  if (!vectors.has(text)) vectors.set(text, hashingEmbed(text));
  return vectors.get(text) as number[];
};
const similarity = (a: Text, b: Text) => cosine(embed(a), embed(b));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);

const pairs = parsePairs(readFileSync(join(__dirname, 'duplicates/pairs.jsonl'), 'utf8'));
const halves: [string, LabelledPair[]][] = [
  ['tuning half', pairs.filter((p) => p.split === 'tune')],
  ['held-out half', pairs.filter((p) => p.split === 'holdout')],
  ['all pairs', pairs],
];
const count = (ps: LabelledPair[]) => `${ps.length} pairs, ${ps.filter((p) => p.label === 'duplicate').length} duplicates`;
console.log(`Labelled pairs: ${count(pairs)}; offline embedding; candidates need similarity >= ${DEFAULT_DUPLICATE_THRESHOLDS.similarity}`);
console.log(`configured: refuse at score >= ${DEFAULT_DUPLICATE_THRESHOLDS.duplicate}, link related at >= ${DEFAULT_DUPLICATE_THRESHOLDS.related}\n`);

for (const [name, set] of halves) {
  console.log(`${name} (${count(set)})`);
  console.log('  refuse at  precision  recall  linked   TP  FP  FN  TN');
  const sweep = [...Array.from({ length: 14 }, (_, i) => Number((0.3 + 0.05 * i).toFixed(2))), DEFAULT_DUPLICATE_THRESHOLDS.duplicate];
  for (const duplicate of [...new Set(sweep)].sort((x, y) => x - y)) {
    // Below the related threshold a lower refusal threshold would be hidden by it: lower both.
    const thresholds = { ...DEFAULT_DUPLICATE_THRESHOLDS, duplicate, related: Math.min(duplicate, DEFAULT_DUPLICATE_THRESHOLDS.related) };
    const r = scoreDetector(set, similarity, thresholds);
    const mark = thresholds.duplicate === DEFAULT_DUPLICATE_THRESHOLDS.duplicate ? '  <- configured' : '';
    console.log(
      `  ${duplicate.toFixed(2).padStart(9)} ${pct(r.precision).padStart(10)} ${pct(r.recall)} ${pct(r.linkedRecall)} ` +
        `${String(r.truePositives).padStart(4)}${String(r.falsePositives).padStart(4)}${String(r.falseNegatives).padStart(4)}${String(r.trueNegatives).padStart(4)}${mark}`,
    );
  }
  console.log('');
}

const configured = scoreDetector(pairs, similarity, DEFAULT_DUPLICATE_THRESHOLDS);
console.log(
  `configured, all pairs: refusals precision ${pct(configured.precision).trim()}, recall ${pct(configured.recall).trim()}; ` +
    `duplicates refused or linked related ${pct(configured.linkedRecall).trim()}; different pairs linked related ${pct(configured.relatedDifferent).trim()}`,
);
const byKind = new Map<string, { n: number; refused: number; related: number }>();
for (const p of pairs) {
  const v = judgeDuplicate(p.b, p.a, similarity(p.a, p.b)).verdict;
  const k = byKind.get(`${p.label}/${p.kind}`) ?? { n: 0, refused: 0, related: 0 };
  k.n += 1;
  if (v === 'duplicate') k.refused += 1;
  if (v === 'related') k.related += 1;
  byKind.set(`${p.label}/${p.kind}`, k);
}
console.log('\nby kind (configured): pairs, refused, related');
for (const [kind, k] of [...byKind].sort()) console.log(`  ${kind.padEnd(28)} ${String(k.n).padStart(3)} ${String(k.refused).padStart(3)} ${String(k.related).padStart(3)}`);

// The seed corpus holds distinct traces: contributed in order, each one refused is a wrong refusal.
const corpus: Text[] = seedCorpus();
let refused = 0;
let linked = 0;
corpus.forEach((trace, i) => {
  const verdicts = corpus.slice(0, i).map((earlier) => judgeDuplicate(trace, earlier, similarity(trace, earlier)).verdict);
  if (verdicts.includes('duplicate')) refused += 1;
  else if (verdicts.includes('related')) linked += 1;
});
console.log(`\nseed corpus contributed in order (${corpus.length} distinct traces): ${refused} refused, ${linked} stored linked related`);
