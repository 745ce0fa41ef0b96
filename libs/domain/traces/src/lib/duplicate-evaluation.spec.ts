import { cosine, hashingEmbed } from '@commontrace/domain-embedding';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from './content-hash';
import { LabelledPair, scoreDetector } from './duplicate-evaluation';
import { DEFAULT_DUPLICATE_THRESHOLDS } from './near-duplicate';

const pairs: LabelledPair[] = readFileSync(join(__dirname, '../../../../../tools/seed/duplicate-pairs.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

describe('the near-duplicate detector on the labelled pairs (offline embedding)', () => {
  it('keeps the precision and recall documented in docs/decisions.md', () => {
    expect(pairs.filter((p) => p.label === 'duplicate').length).toBeGreaterThanOrEqual(30);
    expect(pairs.filter((p) => p.label === 'different').length).toBeGreaterThanOrEqual(30);
    const score = scoreDetector(pairs, (a, b) => cosine(hashingEmbed(traceText(a)), hashingEmbed(traceText(b))), DEFAULT_DUPLICATE_THRESHOLDS);
    process.stdout.write(`duplicate detector: precision ${(100 * score.precision).toFixed(1)}%, recall ${(100 * score.recall).toFixed(1)}%\n`);
    expect(score.precision).toBeGreaterThanOrEqual(0.8);
    expect(score.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('counts every pair once', () => {
    const score = scoreDetector(pairs, () => 1, DEFAULT_DUPLICATE_THRESHOLDS);
    expect(score.truePositives + score.falsePositives + score.falseNegatives + score.trueNegatives).toBe(pairs.length);
  });
});
