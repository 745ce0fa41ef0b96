import { SearchQueryTraces, TraceStatus, TrustSummary } from '@commontrace/contracts';
import { emptyTrustSummary } from '@commontrace/domain-reputation';
import { EntityManager } from 'typeorm';
import { CandidateFilter, filterSql } from './candidate-filter';

/** What the re-rank reads of a candidate: everything but its texts. */
export interface CandidateDetails {
  id: string;
  title: string;
  status: TraceStatus;
  tags: string[];
  language: string | null;
  framework: string | null;
  metadata: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  superseded_by: string | null;
  /** Its trust summary as reputation stored it in `trace_scores` (search reads it; reputation owns it); unverified without one. */
  trust: TrustSummary;
}

/** The columns of CandidateDetails, over the traces alias `t` and the scores alias `s`. */
const DETAILS = `t.id, t.title, t.status, t.tags, t.language, t.framework, t.metadata, t.created_at, t.updated_at, t.superseded_by, s.summary AS trust`;

function withTrust<T extends { trust: TrustSummary | null }>(row: T): T & { trust: TrustSummary } {
  return { ...row, trust: row.trust ?? emptyTrustSummary() };
}

/** The details and trust summaries of the candidates of these statuses (never hidden ones), by id, in one statement. */
export async function candidateDetails(m: EntityManager, ids: string[], statuses: readonly TraceStatus[]): Promise<Map<string, CandidateDetails>> {
  if (!ids.length) return new Map();
  const rows: (Omit<CandidateDetails, 'trust'> & { trust: TrustSummary | null })[] = await m.query(
    `SELECT ${DETAILS} FROM traces t LEFT JOIN trace_scores s ON s.trace_id = t.id
      WHERE t.id = ANY($1::uuid[]) AND t.status = ANY($2::text[]) AND t.status <> 'hidden'`,
    [ids, statuses],
  );
  return new Map(rows.map((r) => [r.id, withTrust(r)]));
}

/**
 * The successors of superseded traces, following `superseded_by` to the newest that is not
 * itself superseded (a chain of at most 10), each with its details. A successor counts only
 * when it passes the search's filter (tags, language, framework, statuses; never hidden).
 */
export async function successors(m: EntityManager, superseded: string[], filter: CandidateFilter): Promise<Map<string, CandidateDetails>> {
  if (!superseded.length) return new Map();
  const where = filterSql({ ...filter, statuses: filter.statuses.filter((s) => s !== 'superseded') }, 2);
  const rows: (Omit<CandidateDetails, 'trust'> & { trust: TrustSummary | null; replaces: string })[] = await m.query(
    `WITH RECURSIVE chain(replaces, id, depth) AS (
       SELECT t.id, t.superseded_by, 1 FROM traces t WHERE t.id = ANY($1::uuid[]) AND t.superseded_by IS NOT NULL
       UNION ALL
       SELECT c.replaces, t.superseded_by, c.depth + 1 FROM chain c JOIN traces t ON t.id = c.id
        WHERE t.superseded_by IS NOT NULL AND c.depth < 10
     )
     SELECT DISTINCT ON (c.replaces) c.replaces, ${DETAILS}
       FROM chain c JOIN traces t ON t.id = c.id LEFT JOIN trace_scores s ON s.trace_id = t.id
      WHERE ${where.sql}
      ORDER BY c.replaces, c.depth DESC`,
    [superseded, ...where.params],
  );
  return new Map(rows.map(({ replaces, ...details }) => [replaces, withTrust(details)]));
}

/**
 * Up to SEARCH_LIMITS.related linked traces for each result (links of any kind but
 * `duplicate_of`, in either direction, visible ones only), most recent link first.
 */
export async function relatedTraces(m: EntityManager, ids: string[]): Promise<Map<string, SearchQueryTraces.RelatedTrace[]>> {
  const out = new Map<string, SearchQueryTraces.RelatedTrace[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows: { result_id: string; id: string; title: string; kind: string }[] = await m.query(
    `SELECT result_id, id, title, kind FROM (
       SELECT l.result_id, t.id, t.title, l.kind,
              row_number() OVER (PARTITION BY l.result_id ORDER BY l.created_at DESC, t.id) AS n
         FROM (SELECT source_id AS result_id, target_id AS other_id, kind, created_at FROM trace_links WHERE source_id = ANY($1::uuid[])
               UNION ALL
               SELECT target_id, source_id, kind, created_at FROM trace_links WHERE target_id = ANY($1::uuid[])) l
         JOIN traces t ON t.id = l.other_id
        WHERE l.kind <> 'duplicate_of' AND t.status <> 'hidden'
     ) r WHERE n <= $2`,
    [ids, SearchQueryTraces.SEARCH_LIMITS.related],
  );
  for (const r of rows) out.get(r.result_id)?.push({ id: r.id, title: r.title, kind: r.kind });
  return out;
}

/** Cosine similarity from which two traces' vectors (of one model) count as the same trace written twice. */
export const NEAR_IDENTICAL_SIMILARITY = 0.98;

/**
 * Pairs of candidates that are one trace written twice, in one statement: linked `duplicate_of`
 * (either direction, among all `ids`), or with near-identical vectors of one model (cosine
 * similarity of at least NEAR_IDENTICAL_SIMILARITY) — duplicates nobody linked — compared among
 * `compared` only (the caller passes the first few dozen), so the work is bounded.
 */
export async function duplicatePairs(m: EntityManager, ids: string[], compared: string[]): Promise<[string, string][]> {
  if (ids.length < 2) return [];
  // Each compared vector is read (and de-TOASTed) once into the CTE, normalized (cosine distance is
  // unchanged) so that the pairs compare values in memory rather than reading both again.
  const rows: { a: string; b: string }[] = await m.query(
    `WITH v AS MATERIALIZED (
       SELECT trace_id, model, l2_normalize(embedding) AS embedding FROM trace_embeddings WHERE trace_id = ANY($2::uuid[])
     )
     SELECT source_id AS a, target_id AS b FROM trace_links
      WHERE kind = 'duplicate_of' AND source_id = ANY($1::uuid[]) AND target_id = ANY($1::uuid[])
     UNION ALL
     SELECT x.trace_id, y.trace_id
       FROM v x JOIN v y ON y.model = x.model AND y.trace_id > x.trace_id
      WHERE (x.embedding <=> y.embedding) <= $3`,
    [ids, compared, 1 - NEAR_IDENTICAL_SIMILARITY],
  );
  return rows.map((r) => [r.a, r.b]);
}
