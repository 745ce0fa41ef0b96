import { TraceStatus } from '@commontrace/contracts';

/**
 * What every retriever applies while it selects candidates, so that a filtered query still
 * fills its page: the traces must carry every tag, match the language and framework when
 * given, and have one of the statuses (never `hidden`).
 */
export interface CandidateFilter {
  tags: string[] | null;
  language: string | null;
  framework: string | null;
  statuses: TraceStatus[];
  /** How many candidates the retriever returns at most. */
  limit: number;
}

/** Statuses a default search returns: superseded traces only on request, hidden ones never. */
export const DEFAULT_STATUSES: TraceStatus[] = ['pending', 'validated', 'stale', 'disputed'];

/** Whether the filter narrows by more than status (tags, language or framework). */
export function narrows(filter: CandidateFilter): boolean {
  return Boolean(filter.tags?.length || filter.language || filter.framework);
}

/**
 * The filter as SQL over the traces alias `t`, with its parameters numbered from `first`.
 * Used by every candidate query so that they filter the same way.
 */
export function filterSql(filter: CandidateFilter, first: number, alias = 't'): { sql: string; params: unknown[] } {
  const statuses = filter.statuses.filter((s) => s !== 'hidden');
  return {
    sql:
      `${alias}.status = ANY($${first}::text[])` +
      ` AND ($${first + 1}::text[] IS NULL OR ${alias}.tags @> $${first + 1}::text[])` +
      ` AND ($${first + 2}::text IS NULL OR lower(${alias}.language) = $${first + 2})` +
      ` AND ($${first + 3}::text IS NULL OR lower(${alias}.framework) = $${first + 3})`,
    params: [statuses, filter.tags?.length ? filter.tags : null, filter.language, filter.framework],
  };
}
