import { isLowConfidence, LOW_CONFIDENCE, searchOutcome, termCoverage } from './low-confidence';

describe('isLowConfidence', () => {
  it('holds a search without results as low confidence', () => {
    expect(isLowConfidence({ resultCount: 0 })).toBe(true);
    expect(isLowConfidence({ resultCount: 3 })).toBe(true);
  });

  it('trusts a top result that a query word matched and that covers the question', () => {
    expect(isLowConfidence({ resultCount: 1, top: { lexicalRank: 1 } })).toBe(false);
    expect(isLowConfidence({ resultCount: 1, top: { lexicalRank: 2, termCoverage: LOW_CONFIDENCE.minCoverage } })).toBe(false);
  });

  it('holds a top result covering under half the distinctive terms as weak, whoever found it', () => {
    expect(isLowConfidence({ resultCount: 5, top: { lexicalRank: 1, termCoverage: 0.49 } })).toBe(true);
    expect(isLowConfidence({ resultCount: 5, top: { lexicalRank: null, vectorSimilarity: 0.9, termCoverage: 0.2 } })).toBe(true);
  });

  it('holds a vector-only top result as weak unless it is near', () => {
    expect(isLowConfidence({ resultCount: 2, top: { lexicalRank: null } })).toBe(true);
    expect(isLowConfidence({ resultCount: 2, top: { lexicalRank: null, vectorSimilarity: 0.3 } })).toBe(true);
    expect(isLowConfidence({ resultCount: 2, top: { lexicalRank: null, vectorSimilarity: LOW_CONFIDENCE.minSimilarity } })).toBe(false);
  });
});

describe('termCoverage and searchOutcome', () => {
  const hit = (title: string, snippet: string, lexical_rank: number | null = 1) => ({ title, snippet, tags: [] as string[], explanation: { lexical_rank } });

  it("measures the share of the query's distinctive weight found in a text", () => {
    expect(termCoverage('kafka consumer rebalance storm', 'Kafka consumer rebalance storm after deploy')).toBe(1);
    expect(termCoverage('kafka consumer rebalance storm', 'Nothing related here')).toBe(0);
    const half = termCoverage('kafka consumer rebalance storm', 'a kafka consumer');
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(1);
    expect(termCoverage('how to fix the error', 'anything')).toBe(1);
  });

  it('reads the count and the top result from a search reply', () => {
    expect(searchOutcome('kafka rebalance', { results: [] })).toEqual({ resultCount: 0 });
    const strong = searchOutcome('kafka rebalance storm', { results: [hit('Kafka rebalance storm', 'consumers rejoin'), hit('x', 'y')] });
    expect(strong).toEqual({ resultCount: 2, top: { lexicalRank: 1, termCoverage: 1 } });
    expect(isLowConfidence(strong)).toBe(false);
    const weak = searchOutcome('kafka rebalance storm', { results: [hit('Redis eviction policy', 'maxmemory settings', null)] });
    expect(isLowConfidence(weak)).toBe(true);
  });
});
