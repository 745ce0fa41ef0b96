import { signatureLookups } from '@commontrace/domain-search';
import { preparedQuery } from '@commontrace/persistence';
import { EntityManager } from 'typeorm';
import { CandidateFilter, filterSql } from './candidate-filter';

/**
 * Per lookup key, the traces kept at most (after the filter) and the stored rows read at most
 * (before it): a signature that thousands of traces share (a common errno) costs a bounded
 * index range, not the corpus. Beyond them, which of the equally matched traces are kept is
 * the index's order, not the ranking's (docs/decisions.md, "Error signatures").
 */
export const SIGNATURE_TRACES_PER_KEY = 200;
export const SIGNATURE_ROWS_SCANNED_PER_KEY = 5000;

/**
 * Traces whose stored error signatures the query carries, best first:
 * 1. more message signatures (type and message template) matched by the query's whole
 *    signatures;
 * 2. more message signatures matched at all, also by a shorter form of a query's message cut at
 *    a word (signatureLookups: the query pasted an error and went on with its own words);
 * 3. more signatures matched, codes included: code-only matches come after every message match;
 * 4. the longest matched message (the most specific), then the newest trace.
 * A stored signature matches only whole and exactly. Empty, with no SQL, when the query names
 * no error. At most `filter.limit` ids, every one passing the filter.
 */
export async function signatureCandidates(m: EntityManager, q: string, filter: CandidateFilter): Promise<string[]> {
  const lookups = signatureLookups(q);
  if (lookups.length === 0 || filter.limit <= 0) return [];
  const where = filterSql(filter, 6);
  const rows: { id: string }[] = await preparedQuery(
    m,
    `WITH hits AS (
       SELECT h.trace_id, h.kind, h.signature, h.created_at, k.whole
         FROM unnest($1::text[], $2::boolean[]) AS k(signature, whole)
         CROSS JOIN LATERAL (
           SELECT s.trace_id, s.kind, s.signature, t.created_at
             FROM (SELECT trace_id, kind, signature FROM error_signatures WHERE signature = k.signature LIMIT $5) s
             JOIN traces t ON t.id = s.trace_id
            WHERE ${where.sql}
            LIMIT $3
         ) h
     )
     SELECT trace_id AS id
       FROM hits
      GROUP BY trace_id, created_at
      ORDER BY count(*) FILTER (WHERE kind = 'message' AND whole) DESC,
               count(*) FILTER (WHERE kind = 'message') DESC,
               count(*) DESC,
               coalesce(max(length(signature)) FILTER (WHERE kind = 'message'), 0) DESC,
               created_at DESC, trace_id
      LIMIT $4`,
    [lookups.map((l) => l.signature), lookups.map((l) => l.whole), SIGNATURE_TRACES_PER_KEY, filter.limit, SIGNATURE_ROWS_SCANNED_PER_KEY, ...where.params],
  );
  return rows.map((r) => r.id);
}
