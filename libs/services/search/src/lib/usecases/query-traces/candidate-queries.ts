import { nearestNeighbours } from '@commontrace/persistence';
import { EntityManager } from 'typeorm';
import { CandidateFilter, filterSql } from './candidate-filter';

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
  const neighbours = await nearestNeighbours(m, {
    ...embedded,
    tags: filter.tags,
    statuses: filter.statuses,
    language: filter.language,
    framework: filter.framework,
    limit: filter.limit,
  });
  return neighbours.filter((n) => n.similarity >= minSimilarity).map((n) => n.trace_id);
}

/** Tag-only browsing: newest first among traces carrying every given tag (and the other filters). */
export async function tagCandidates(m: EntityManager, filter: CandidateFilter): Promise<string[]> {
  const where = filterSql(filter, 2);
  const rows: { id: string }[] = await m.query(
    `SELECT t.id FROM traces t WHERE ${where.sql} ORDER BY t.created_at DESC, t.id LIMIT $1`,
    [filter.limit, ...where.params],
  );
  return rows.map((r) => r.id);
}
