import { nearestNeighbours } from '@commontrace/persistence';
import { EntityManager } from 'typeorm';

export interface CandidateFilter {
  tags: string[] | null;
  limit: number;
}

/** Statuses never returned by search. */
const VISIBLE = `t.status <> 'hidden'`;

/**
 * Nearest neighbours among vectors of the query's model, by the shared top-K query. Only
 * neighbours above a minimum cosine similarity count (dropped after the LIMIT), so that an
 * unrelated trace is not returned just because it is the nearest.
 */
export async function vectorCandidates(
  m: EntityManager,
  embedded: { model: string; vector: number[] },
  minSimilarity: number,
  filter: CandidateFilter,
): Promise<string[]> {
  const neighbours = await nearestNeighbours(m, { ...embedded, tags: filter.tags, limit: filter.limit });
  return neighbours.filter((n) => n.similarity >= minSimilarity).map((n) => n.trace_id);
}

/** Tag-only browsing: newest first among traces carrying every given tag. */
export async function tagCandidates(m: EntityManager, tags: string[], limit: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT t.id FROM traces t WHERE ${VISIBLE} AND t.tags @> $1::text[] ORDER BY t.created_at DESC LIMIT $2`,
    [tags, limit],
  );
  return rows.map((r) => r.id);
}
