import { SearchQueryTraces, TraceStatus, TrustSummary } from '@commontrace/contracts';
import { emptyTrustSummary } from '@commontrace/domain-reputation';
import { preparedQuery } from '@commontrace/persistence';
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

/**
 * The details and trust summaries of the candidates that pass the filter (its statuses, never
 * hidden; its tags, language and framework), by id, in one statement: every retriever's list
 * is held to the whole filter here, whatever the retriever knew.
 */
export async function candidateDetails(m: EntityManager, ids: string[], filter: CandidateFilter): Promise<Map<string, CandidateDetails>> {
  if (!ids.length) return new Map();
  const where = filterSql(filter, 2);
  const rows: (Omit<CandidateDetails, 'trust'> & { trust: TrustSummary | null })[] = await preparedQuery(
    m,
    `SELECT ${DETAILS} FROM traces t LEFT JOIN trace_scores s ON s.trace_id = t.id
      WHERE t.id = ANY($1::uuid[]) AND ${where.sql}`,
    [ids, ...where.params],
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
  const rows: (Omit<CandidateDetails, 'trust'> & { trust: TrustSummary | null; replaces: string })[] = await preparedQuery(
    m,
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

/** What a result shows of a trace on the page: its texts and fields, and the traces linked to it. */
export interface PageTrace {
  id: string;
  title: string;
  context_text: string;
  solution_text: string;
  tags: string[];
  status: TraceStatus;
  language: string | null;
  framework: string | null;
  /** Up to SEARCH_LIMITS.related linked traces (links of any kind but `duplicate_of`, either direction, visible ones only), most recent link first. */
  related: SearchQueryTraces.RelatedTrace[];
}

/** The page's traces with their related traces, by id, in one statement (one round trip for the page). */
export async function pageTraces(m: EntityManager, ids: string[]): Promise<Map<string, PageTrace>> {
  if (!ids.length) return new Map();
  const rows: PageTrace[] = await preparedQuery(
    m,
    `SELECT t.id, t.title, t.context_text, t.solution_text, t.tags, t.status, t.language, t.framework,
            coalesce(r.related, '[]'::json) AS related
       FROM traces t
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('id', x.id, 'title', x.title, 'kind', x.kind) ORDER BY x.created_at DESC, x.id) AS related
           FROM (SELECT o.id, o.title, l.kind, l.created_at
                   FROM (SELECT target_id AS other_id, kind, created_at FROM trace_links WHERE source_id = t.id
                         UNION ALL
                         SELECT source_id, kind, created_at FROM trace_links WHERE target_id = t.id) l
                   JOIN traces o ON o.id = l.other_id
                  WHERE l.kind <> 'duplicate_of' AND o.status <> 'hidden'
                  ORDER BY l.created_at DESC, o.id
                  LIMIT $2) x
       ) r ON true
      WHERE t.id = ANY($1::uuid[])`,
    [ids, SearchQueryTraces.SEARCH_LIMITS.related],
  );
  return new Map(rows.map((r) => [r.id, r]));
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
  const rows: { a: string; b: string }[] = await preparedQuery(
    m,
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
