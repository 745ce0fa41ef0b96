import { EntityManager } from 'typeorm';

/** The search service's queries of `wanted_queries` (its own table): the one home of their SQL. */

export interface WantedRow {
  id: string;
  normalized_query: string;
  display_text: string;
  count: number;
  searchers: number;
  first_seen_at: Date;
  last_seen_at: Date;
  answered_by: string | null;
  answered_at: Date | null;
}

/** Rows as the driver returns them from a modifying query (node-postgres: rows; PGlite through TypeORM: [rows, count]). */
function rowsOf<T>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}

/**
 * One more asking of a question, in one statement: a new row (count 1), or the existing row of
 * its key counted once more and seen now; the searcher (as a hash), when named, recorded once per
 * question (`wanted_query_searchers`, which the list counts). Returns the row's id.
 */
export async function upsertWanted(
  m: EntityManager,
  asked: { key: string; display: string; terms: string[]; searcherHash: string | null },
): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await m.query(
      `WITH asked AS (
         INSERT INTO wanted_queries (normalized_query, display_text, terms) VALUES ($1, $2, $3::text[])
         ON CONFLICT (normalized_query) DO UPDATE SET count = wanted_queries.count + 1, last_seen_at = now()
         RETURNING id
       ), searcher AS (
         INSERT INTO wanted_query_searchers (wanted_id, searcher_hash)
         SELECT id, $4::text FROM asked WHERE $4::text IS NOT NULL
         ON CONFLICT DO NOTHING
       )
       SELECT id FROM asked`,
      [asked.key, asked.display, asked.terms, asked.searcherHash],
    ),
  );
  return row.id;
}

export async function wantedExists(m: EntityManager, id: string): Promise<boolean> {
  return (await m.query(`SELECT 1 FROM wanted_queries WHERE id = $1`, [id])).length > 0;
}

/**
 * A page (plus one) of open or answered questions, the most asked first, then the most recently
 * asked, after the cursor row (compared by its current count and last asking).
 */
export function wantedPage(m: EntityManager, request: { answered: boolean; cursor: string | null; limit: number }): Promise<WantedRow[]> {
  const which = request.answered ? 'w.answered_at IS NOT NULL' : 'w.answered_at IS NULL';
  return m.query(
    `SELECT w.id, w.normalized_query, w.display_text, w.count,
            (SELECT count(*)::int FROM wanted_query_searchers s WHERE s.wanted_id = w.id) AS searchers,
            w.first_seen_at, w.last_seen_at, w.answered_by, w.answered_at
       FROM wanted_queries w
      WHERE ${which}
        AND ($1::uuid IS NULL OR (w.count, w.last_seen_at, w.id) < (SELECT c.count, c.last_seen_at, c.id FROM wanted_queries c WHERE c.id = $1))
      ORDER BY w.count DESC, w.last_seen_at DESC, w.id DESC
      LIMIT $2`,
    [request.cursor, request.limit + 1],
  );
}

/** Whether any open question shares a term with `about`: a look without locks or a transaction. */
export async function anyOpenCandidate(m: EntityManager, about: string[]): Promise<boolean> {
  const [row]: { found: boolean }[] = await m.query(
    `SELECT EXISTS (SELECT 1 FROM wanted_queries WHERE answered_at IS NULL AND terms && $1::text[]) AS found`,
    [about],
  );
  return row.found;
}

/**
 * The open questions that share a term with `about` (a new trace's title and tags), the most
 * wanted first, at most `limit`: the few candidates the answer rule is tried on. Locked, so that
 * two traces answering at once mark a question once.
 */
export function openCandidates(m: EntityManager, about: string[], limit: number): Promise<{ id: string; display_text: string }[]> {
  return m.query(
    `SELECT id, display_text FROM wanted_queries
      WHERE answered_at IS NULL AND terms && $1::text[]
      ORDER BY count DESC, last_seen_at DESC, id DESC
      LIMIT $2
      FOR UPDATE SKIP LOCKED`,
    [about, limit],
  );
}

/** Marks open questions answered by a trace; those already answered keep their first answer. */
export async function markAnswered(m: EntityManager, ids: string[], traceId: string): Promise<number> {
  if (!ids.length) return 0;
  const rows = rowsOf(
    await m.query(
      `UPDATE wanted_queries SET answered_by = $2, answered_at = now() WHERE id = ANY($1::uuid[]) AND answered_at IS NULL RETURNING id`,
      [ids, traceId],
    ),
  );
  return rows.length;
}
