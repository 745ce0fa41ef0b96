import { reciprocalRankFusion, RRF_K } from './reciprocal-rank-fusion';

describe('reciprocalRankFusion', () => {
  it('ranks items found by both retrievers above items found by one', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['c', 'd'],
    ]);
    expect(fused[0].id).toBe('c');
    expect(fused[0].ranks).toEqual([3, 1]);
    expect(fused[0].score).toBeCloseTo(1 / (RRF_K + 3) + 1 / (RRF_K + 1));
    expect(fused.map((f) => f.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('counts an item once per list even if the list repeats it', () => {
    const [only] = reciprocalRankFusion([['a', 'a']]);
    expect(only.score).toBeCloseTo(1 / (RRF_K + 1));
  });

  it('handles empty input', () => {
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});
