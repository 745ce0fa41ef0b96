import { EntityManager } from 'typeorm';

export interface CandidateFilter {
  tags: string[] | null;
  limit: number;
}

/** Statuses never returned by search. */
const VISIBLE = `t.status <> 'hidden'`;

/**
 * Full-text candidates. The words of a websearch query are OR-ed (an agent's query is a
 * sentence; demanding every word finds nothing), and ts_rank_cd puts traces that match more
 * of them, closer together and in the title first. Quoted phrases stay phrases.
 */
export async function lexicalCandidates(m: EntityManager, q: string, filter: CandidateFilter): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `WITH query AS (
       SELECT nullif(replace(websearch_to_tsquery('english', $1)::text, ' & ', ' | '), '')::tsquery AS tsq
     )
     SELECT t.id FROM traces t, query
      WHERE ${VISIBLE} AND query.tsq IS NOT NULL AND t.search_vector @@ query.tsq
        AND ($2::text[] IS NULL OR t.tags @> $2::text[])
      ORDER BY ts_rank_cd(t.search_vector, query.tsq, 1) DESC, t.created_at DESC
      LIMIT $3`,
    [q, filter.tags, filter.limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Nearest neighbours among vectors of the query's model, from the HNSW index. Iterative scan
 * keeps filtered queries from coming back short; only neighbours above a minimum cosine
 * similarity count, so an unrelated trace is not returned just because it is the nearest.
 */
export async function vectorCandidates(
  m: EntityManager,
  model: string,
  vectorLiteral: string,
  minSimilarity: number,
  filter: CandidateFilter,
): Promise<string[]> {
  await m.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
  const rows: { id: string }[] = await m.query(
    `SELECT e.trace_id AS id FROM trace_embeddings e JOIN traces t ON t.id = e.trace_id
      WHERE e.model = $1 AND ${VISIBLE} AND ($3::text[] IS NULL OR t.tags @> $3::text[])
        AND 1 - (e.embedding <=> $2::vector) >= $4
      ORDER BY e.embedding <=> $2::vector
      LIMIT $5`,
    [model, vectorLiteral, filter.tags, minSimilarity, filter.limit],
  );
  return rows.map((r) => r.id);
}

/** Tag-only browsing: newest first among traces carrying every given tag. */
export async function tagCandidates(m: EntityManager, tags: string[], limit: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT t.id FROM traces t WHERE ${VISIBLE} AND t.tags @> $1::text[] ORDER BY t.created_at DESC LIMIT $2`,
    [tags, limit],
  );
  return rows.map((r) => r.id);
}
