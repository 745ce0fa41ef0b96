/** Runs SQL: an EntityManager, a QueryRunner or a DataSource. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A trace's postings as domain-search's `lexicalPostings` makes them. */
export interface TracePostings {
  trace_id: string;
  terms: string[];
  tfs: number[];
  impacts: number[];
  length: number;
  tokenizer_version: number;
}

/** Documents whose statistics one `foldLexicalStatistics` statement adds at most. */
export const FOLD_BATCH = 500;

/**
 * Writes the lexical index of these traces in the caller's transaction, replacing what they had:
 * their postings and lengths. Their document frequencies and the corpus totals are not touched
 * here: the new documents are written uncounted, and `foldLexicalStatistics` adds them after the
 * commit (docs/decisions.md, "Term statistics folded after the commit"), so concurrent writers
 * never queue on the rows of the terms they share. `lexicalStatistics` counts the uncounted ones
 * in, so a reader always gets exact figures. A replaced trace whose old document was counted has
 * it subtracted here; one still uncounted simply goes. A new trace (`fresh`) skips that step.
 * Postings and lengths go in as one statement of parallel arrays (unnest), whatever their number.
 *
 * Writers that replace counted documents touch the shared rows in one order, their terms sorted,
 * then the one totals row, as the fold does: they wait for each other, never deadlock.
 */
export async function writeLexicalIndex(m: Queryable, traces: readonly TracePostings[], options: { fresh?: boolean } = {}): Promise<void> {
  if (!traces.length) return;
  const ids = traces.map((t) => t.trace_id);
  // A trace written in this very transaction has nothing to replace (`fresh`): one round trip fewer.
  if (!options.fresh) {
    // Only counted documents are in the statistics. A fold that is counting one of these holds its
    // row: the DELETE waits for it, then sees it counted.
    const [gone]: { documents: number; length: number; terms: [string, number][] }[] = await m.query(
      `WITH gd AS (DELETE FROM lexical_documents WHERE trace_id = ANY($1::uuid[]) RETURNING trace_id, length, counted),
            gp AS (DELETE FROM lexical_postings WHERE trace_id = ANY($1::uuid[]) RETURNING trace_id, term)
       SELECT (SELECT count(*)::int FROM gd WHERE counted) AS documents,
              (SELECT coalesce(sum(length), 0)::float8 FROM gd WHERE counted) AS length,
              (SELECT coalesce(json_agg(json_build_array(term, n) ORDER BY term), '[]'::json)
                 FROM (SELECT gp.term, count(*)::int AS n FROM gp JOIN gd ON gd.trace_id = gp.trace_id WHERE gd.counted GROUP BY gp.term) x) AS terms`,
      [ids],
    );
    if (gone.terms.length) {
      // Sorted, as the fold takes them (an upsert of existing rows: every counted term has one).
      await m.query(
        `INSERT INTO lexical_terms (term, df)
         SELECT c.term, -c.n FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS c(term, n, position) ORDER BY c.position
         ON CONFLICT (term) DO UPDATE SET df = lexical_terms.df + EXCLUDED.df`,
        [gone.terms.map(([t]) => t), gone.terms.map(([, n]) => n)],
      );
    }
    if (gone.documents) {
      await m.query(`UPDATE lexical_totals SET documents = documents - $1, total_length = total_length - $2`, [gone.documents, gone.length]);
    }
  }

  const rows = { ids: [] as string[], terms: [] as string[], tfs: [] as number[], impacts: [] as number[] };
  for (const trace of traces) {
    trace.terms.forEach((term, i) => {
      rows.ids.push(trace.trace_id);
      rows.terms.push(term);
      rows.tfs.push(trace.tfs[i]);
      rows.impacts.push(trace.impacts[i]);
    });
  }
  await m.query(
    `WITH postings AS (
       INSERT INTO lexical_postings (trace_id, term, tf, impact) SELECT * FROM unnest($1::uuid[], $2::text[], $3::real[], $4::real[]))
     INSERT INTO lexical_documents (trace_id, length, tokenizer_version) SELECT * FROM unnest($5::uuid[], $6::real[], $7::int[])`,
    [rows.ids, rows.terms, rows.tfs, rows.impacts, ids, traces.map((t) => t.length), traces.map((t) => t.tokenizer_version)],
  );
}

/**
 * Adds up to `limit` uncounted documents to the statistics, in one statement (so in one
 * transaction of its own, or the caller's): marks them counted, adds one to the document
 * frequency of each of their terms and their number and lengths to the totals. Several folds
 * (two ingest processes) take different documents (SKIP LOCKED) and touch the shared rows in one
 * order. Returns how many documents it counted: fewer than `limit` means none were left.
 */
export async function foldLexicalStatistics(m: Queryable, limit = FOLD_BATCH): Promise<number> {
  // Rows are locked in the writers' order: the documents, their terms (sorted), the totals row
  // (`totals` reads `terms` to completion before it updates).
  const rows: { counted: number }[] = await m.query(
    `WITH claimed AS (
       UPDATE lexical_documents d SET counted = true
        WHERE d.trace_id IN (SELECT trace_id FROM lexical_documents WHERE NOT counted ORDER BY trace_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING d.trace_id, d.length
     ),
     terms AS (
       INSERT INTO lexical_terms (term, df)
       SELECT lp.term, count(*)::int FROM lexical_postings lp JOIN claimed c ON c.trace_id = lp.trace_id GROUP BY lp.term ORDER BY lp.term
       ON CONFLICT (term) DO UPDATE SET df = lexical_terms.df + EXCLUDED.df
       RETURNING 1
     ),
     totals AS (
       UPDATE lexical_totals SET documents = documents + c.n, total_length = total_length + c.length
         FROM (SELECT count(*) AS n, coalesce(sum(length), 0) AS length FROM claimed) c
        WHERE c.n > 0 AND (SELECT count(*) FROM terms) >= 0
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM claimed)::int AS counted, (SELECT count(*) FROM totals)::int AS totals`,
    [limit],
  );
  return rows[0]?.counted ?? 0;
}

/** Folds until no uncounted document is left; returns how many it counted. */
export async function foldAllLexicalStatistics(m: Queryable, limit = FOLD_BATCH): Promise<number> {
  let total = 0;
  for (let n = limit; n === limit; total += n) n = await foldLexicalStatistics(m, limit);
  return total;
}

export interface LexicalStatistics {
  /** Indexed traces. */
  documents: number;
  /** Their field-weighted lengths, summed. */
  totalLength: number;
  /** Document frequency of each asked term (0 when no trace holds it). */
  df: Map<string, number>;
}

/**
 * The exact statistics of these terms and of the corpus, as every committed write left them: the
 * folded figures plus the documents not yet counted (few: the fold runs behind ingest; their
 * postings are looked up by trace and term).
 */
export async function lexicalStatistics(m: Queryable, terms: readonly string[]): Promise<LexicalStatistics> {
  const rows: { term: string | null; df: number; documents: number; total_length: number }[] = await m.query(
    `WITH pending AS MATERIALIZED (SELECT trace_id, length FROM lexical_documents WHERE NOT counted),
          base AS (
            SELECT coalesce((SELECT documents FROM lexical_totals), 0) + (SELECT count(*) FROM pending) AS documents,
                   coalesce((SELECT total_length FROM lexical_totals), 0) + (SELECT coalesce(sum(length), 0) FROM pending) AS total_length
          )
     SELECT q.term,
            (coalesce(s.df, 0) + (SELECT count(*) FROM pending pe JOIN lexical_postings lp ON lp.trace_id = pe.trace_id AND lp.term = q.term))::int AS df,
            base.documents::float8 AS documents, base.total_length::float8 AS total_length
       FROM base
       LEFT JOIN unnest($1::text[]) AS q(term) ON true
       LEFT JOIN lexical_terms s ON s.term = q.term`,
    [terms],
  );
  const df = new Map<string, number>();
  for (const r of rows) if (r.term !== null) df.set(r.term, r.df);
  return { documents: Number(rows[0]?.documents ?? 0), totalLength: Number(rows[0]?.total_length ?? 0), df };
}
