/**
 * How wide the HNSW search is for a top-K query: `hnsw.ef_search`, the number of candidates the
 * graph search keeps, for the K asked for.
 *
 * pgvector's default, 40, is below the K of 50 that search asks for; on this project's vectors
 * (the offline hashing embedding: clusters of near-identical texts in vector(1536)) it found
 * about 0.8 of the exact top 10 at 100k traces, and with a tag filter the iterative scan then
 * had to resume so often that the query took longer than with a wider beam (docs/benchmarks.md,
 * "Search speed"). The beam is therefore 8 × K (400 for search's 50), never below pgvector's
 * default, so that ingest's duplicate check (K = 5) costs what it did, and never above
 * pgvector's ceiling of 1000.
 */
export const HNSW_EF_SEARCH = { perNeighbour: 8, min: 40, max: 1000 } as const;

export function efSearchFor(limit: number): number {
  const k = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : HNSW_EF_SEARCH.max;
  return Math.min(HNSW_EF_SEARCH.max, Math.max(HNSW_EF_SEARCH.min, k * HNSW_EF_SEARCH.perNeighbour));
}
