import { efSearchFor, HNSW_EF_SEARCH } from './hnsw-search-settings';

describe('efSearchFor: the HNSW search width for a top-K query', () => {
  it("keeps pgvector's default for small K (ingest's duplicate check asks for 5)", () => {
    expect(HNSW_EF_SEARCH.min).toBe(40);
    expect(efSearchFor(1)).toBe(40);
    expect(efSearchFor(5)).toBe(40);
  });

  it("is eight times the K beyond that: search's 50 candidates get a beam of 400", () => {
    expect(efSearchFor(10)).toBe(80);
    expect(efSearchFor(50)).toBe(400);
    for (let k = 1; k < 200; k++) expect(efSearchFor(k + 1)).toBeGreaterThanOrEqual(efSearchFor(k));
    for (let k = 1; k <= 125; k++) expect(efSearchFor(k)).toBeGreaterThanOrEqual(k);
  });

  it('stays within what pgvector accepts (1 to 1000) for any K, and is an integer', () => {
    for (const k of [0, -3, 0.5, 7.9, 125, 1000, 1e9, Number.NaN, Number.POSITIVE_INFINITY]) {
      const ef = efSearchFor(k);
      expect(Number.isInteger(ef)).toBe(true);
      expect(ef).toBeGreaterThanOrEqual(1);
      expect(ef).toBeLessThanOrEqual(1000);
    }
  });
});
