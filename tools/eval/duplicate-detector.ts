/**
 * Measures the near-duplicate detector on the labelled pairs in tools/seed/duplicate-pairs.jsonl
 * with the offline embedding, and shows how precision and recall move with the thresholds.
 * Run: npm run eval:duplicates
 */
import { cosine, hashingEmbed } from '@commontrace/domain-embedding';
import { DEFAULT_DUPLICATE_THRESHOLDS, LabelledPair, scoreDetector, traceText } from '@commontrace/domain-traces';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pairs: LabelledPair[] = readFileSync(join(__dirname, '../seed/duplicate-pairs.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const similarity = (a: LabelledPair['a'], b: LabelledPair['b']) => cosine(hashingEmbed(traceText(a)), hashingEmbed(traceText(b)));

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`${pairs.length} labelled pairs (${pairs.filter((p) => p.label === 'duplicate').length} duplicates), offline embedding`);
console.log('similarity  overlap  precision  recall   TP FP FN TN');
for (const s of [0.5, 0.6, 0.7, 0.8]) {
  for (const o of [0.3, 0.4, 0.5, 0.6]) {
    const r = scoreDetector(pairs, similarity, { ...DEFAULT_DUPLICATE_THRESHOLDS, similarity: s, overlap: o });
    const mark = s === DEFAULT_DUPLICATE_THRESHOLDS.similarity && o === DEFAULT_DUPLICATE_THRESHOLDS.overlap ? '  <- default' : '';
    console.log(
      `${s.toFixed(2).padStart(10)} ${o.toFixed(2).padStart(8)} ${pct(r.precision).padStart(10)} ${pct(r.recall).padStart(7)}  ` +
        `${r.truePositives} ${r.falsePositives} ${r.falseNegatives} ${r.trueNegatives}${mark}`,
    );
  }
}
const d = scoreDetector(pairs, similarity, DEFAULT_DUPLICATE_THRESHOLDS);
console.log('\nmistakes at the default thresholds:');
for (const m of d.mistakes) console.log(`  ${m.id} ${m.label}/${m.kind}${m.reason ? ` (${m.reason})` : ''}`);
