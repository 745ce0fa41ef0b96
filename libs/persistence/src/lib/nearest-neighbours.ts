import { EntityManager } from 'typeorm';
import { efSearchFor } from './hnsw-search-settings';
import { toVectorLiteral } from './vector-literal';

export interface NeighbourQuery {
  /** Only vectors of this model are compared (vectors of different models never mix). */
  model: string;
  vector: number[];
  /** How many neighbours: the K of top-K. */
  limit: number;
  /** Only traces that carry every one of these tags. */
  tags?: string[] | null;
  /** Only traces in these statuses (default: every status but hidden; hidden ones never). */
  statuses?: string[] | null;
  /** Only traces of this language / framework (compared in lower case). */
  language?: string | null;
  framework?: string | null;
}

export interface Neighbour {
  trace_id: string;
  /** Cosine similarity, 1 for the same direction. */
  similarity: number;
}

/**
 * The one nearest-neighbour query: the K traces (never hidden ones) whose vectors of one model
 * are closest to the given vector, from the HNSW index, nearest first.
 *
 * There is deliberately no similarity threshold in `WHERE`: with a threshold the index scan
 * keeps walking the graph for rows that pass it, far past the K it needs. Callers drop weak
 * neighbours from the K they get back. The model, status, tag, language and framework filters are applied while
 * the index is scanned, so `hnsw.iterative_scan = relaxed_order` (set for the transaction
 * only) keeps a filtered query from coming back short; relaxed order means the rows can come
 * slightly out of order, so they are sorted again here.
 *
 * The graph search keeps `hnsw.ef_search` candidates, sized to the K (`efSearchFor`): at
 * pgvector's default of 40 it misses too many of the true nearest neighbours once the corpus
 * has grown (docs/decisions.md, "HNSW search width and graph").
 */
export async function nearestNeighbours(m: EntityManager, query: NeighbourQuery): Promise<Neighbour[]> {
  const run = async (tx: EntityManager): Promise<Neighbour[]> => {
    await tx.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
    await tx.query(`SET LOCAL hnsw.ef_search = ${efSearchFor(query.limit)}`);
    const rows: { trace_id: string; similarity: number | string }[] = await tx.query(
      `SELECT e.trace_id, 1 - (e.embedding <=> $2::vector) AS similarity
         FROM trace_embeddings e JOIN traces t ON t.id = e.trace_id
        WHERE e.model = $1 AND t.status <> 'hidden' AND ($3::text[] IS NULL OR t.tags @> $3::text[])
          AND ($5::text[] IS NULL OR t.status = ANY($5::text[]))
          AND ($6::text IS NULL OR lower(t.language) = $6) AND ($7::text IS NULL OR lower(t.framework) = $7)
        ORDER BY e.embedding <=> $2::vector
        LIMIT $4`,
      [
        query.model,
        toVectorLiteral(query.vector),
        query.tags?.length ? query.tags : null,
        query.limit,
        query.statuses?.length ? query.statuses : null,
        query.language ?? null,
        query.framework ?? null,
      ],
    );
    return rows
      .map((r) => ({ trace_id: r.trace_id, similarity: Number(r.similarity) }))
      .sort((a, b) => b.similarity - a.similarity);
  };
  // SET LOCAL lasts until the end of the transaction: inside the caller's, or in one of its own.
  return m.queryRunner?.isTransactionActive ? run(m) : m.transaction(run);
}
