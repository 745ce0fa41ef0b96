import fc from 'fast-check';
import { DEFAULT_RANKING_WEIGHTS, rankingWeights } from './ranking-weights';
import { fusionOptionsFor, ranksByRetriever, reciprocalRankFusion, RRF_K, vectorListWeight } from './reciprocal-rank-fusion';

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

  it('weighs each list: a heavier list lifts what it finds above the lighter list’s first', () => {
    const fused = reciprocalRankFusion([['x'], ['y']], { weights: [3, 1] });
    expect(fused.map((f) => f.id)).toEqual(['x', 'y']);
    expect(fused[0].score).toBeCloseTo(3 / (RRF_K + 1));
    expect(reciprocalRankFusion([['x'], ['y']], { weights: [1, 3] }).map((f) => f.id)).toEqual(['y', 'x']);
  });

  it('takes k as a number or an option, and treats a bad weight as 1', () => {
    expect(reciprocalRankFusion([['a']], 10)[0].score).toBeCloseTo(1 / 11);
    expect(reciprocalRankFusion([['a']], { k: 10, weights: [Number.NaN] })[0].score).toBeCloseTo(1 / 11);
    expect(reciprocalRankFusion([['a']], { weights: [-2] })[0].score).toBeCloseTo(1 / (RRF_K + 1));
  });

  it('takes weights by retriever name from the ranking weights, with per-retriever ranks for explain', () => {
    const retrievers = ['error_signature', 'lexical', 'vector', 'someday'];
    const options = fusionOptionsFor(retrievers);
    expect(options).toEqual({ k: DEFAULT_RANKING_WEIGHTS.fusion.k, weights: [3, 1, 1, 1] });
    expect(fusionOptionsFor(['lexical'], rankingWeights({ fusion: { retrievers: { lexical: 2 } } })).weights).toEqual([2]);
    // A model that carries no meaning beyond its words has its own vector weight.
    expect(fusionOptionsFor(['lexical', 'vector'], undefined, { vectorModel: 'offline-hash-v1' }).weights).toEqual([1, 0]);
    expect(fusionOptionsFor(['lexical', 'vector'], undefined, { vectorModel: 'text-embedding-3-small' }).weights).toEqual([1, 1]);
    const [item] = reciprocalRankFusion([['a'], [], ['b', 'a']], options);
    expect(ranksByRetriever(item, retrievers)).toEqual({ error_signature: 1, lexical: null, vector: 2, someday: null });
  });

  it("gives the vector list its model's weight, else the vector retriever's", () => {
    expect(vectorListWeight('offline-hash-v1')).toBe(0);
    expect(vectorListWeight('text-embedding-3-small')).toBe(1);
    expect(vectorListWeight(null)).toBe(1);
    const weights = rankingWeights({ fusion: { retrievers: { vector: 0.5 }, vectorModels: { 'm-1': 2 } } });
    expect(vectorListWeight('m-1', weights)).toBe(2);
    expect(vectorListWeight('m-2', weights)).toBe(0.5);
  });

  const lists = fc.array(fc.uniqueArray(fc.constantFrom(...'abcdefghij'), { maxLength: 10 }), { minLength: 1, maxLength: 4 });

  it('property: equal weights give the unweighted fusion; scaling every weight scales every score', () => {
    fc.assert(
      fc.property(lists, fc.double({ min: 0.1, max: 10, noNaN: true }), (ls, scale) => {
        const plain = reciprocalRankFusion(ls);
        const ones = reciprocalRankFusion(ls, { weights: ls.map(() => 1) });
        expect(ones).toEqual(plain);
        const scaled = reciprocalRankFusion(ls, { weights: ls.map(() => scale) });
        scaled.forEach((f, i) => expect(f.score).toBeCloseTo(plain[i].score * scale, 12));
      }),
    );
  });

  it('property: every item once, its ranks are its positions, the score is the weighted sum', () => {
    fc.assert(
      fc.property(lists, fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }), (ls, weights) => {
        const fused = reciprocalRankFusion(ls, { weights });
        expect(new Set(fused.map((f) => f.id))).toEqual(new Set(ls.flat()));
        expect(fused.length).toBe(new Set(ls.flat()).size);
        for (const f of fused) {
          let expected = 0;
          ls.forEach((l, i) => {
            const at = l.indexOf(f.id);
            expect(f.ranks[i]).toBe(at < 0 ? null : at + 1);
            if (at >= 0) expected += weights[i] / (RRF_K + at + 1);
          });
          expect(f.score).toBeCloseTo(expected, 12);
        }
        for (let i = 1; i < fused.length; i++) expect(fused[i - 1].score).toBeGreaterThanOrEqual(fused[i].score);
      }),
    );
  });
});
