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

/**
 * Writes the lexical index of these traces in the caller's transaction, replacing what they had:
 * their postings and lengths, and — exactly — the document frequency of every term whose
 * presence changed and the corpus totals. An amended or reindexed trace loses its old postings
 * in the statement that counts them; a new one (`fresh`) skips that step. Postings and lengths go
 * in as one statement of parallel arrays (unnest), whatever their number: three or four round
 * trips in all.
 *
 * Concurrent writers never deadlock: each touches the shared rows in one order, its terms sorted,
 * then the one totals row, and last in its work so that it holds them briefly. Those rows stay
 * locked until the writer commits: writers that share a term take turns at this step
 * (docs/decisions.md, "Lexical index").
 */
export async function writeLexicalIndex(m: Queryable, traces: readonly TracePostings[], options: { fresh?: boolean } = {}): Promise<void> {
  if (!traces.length) return;
  const ids = traces.map((t) => t.trace_id);
  const delta = new Map<string, number>();
  let old = { documents: 0, length: 0 };
  // A trace written in this very transaction has nothing to replace (`fresh`): one round trip fewer.
  if (!options.fresh) {
    const [gone]: { documents: number; length: number; terms: [string, number][] }[] = await m.query(
      `WITH gp AS (DELETE FROM lexical_postings WHERE trace_id = ANY($1::uuid[]) RETURNING term),
            gd AS (DELETE FROM lexical_documents WHERE trace_id = ANY($1::uuid[]) RETURNING length)
       SELECT (SELECT count(*)::int FROM gd) AS documents,
              (SELECT coalesce(sum(length), 0)::float8 FROM gd) AS length,
              (SELECT coalesce(json_agg(json_build_array(term, n)), '[]'::json) FROM (SELECT term, count(*)::int AS n FROM gp GROUP BY term) x) AS terms`,
      [ids],
    );
    old = { documents: gone.documents, length: gone.length };
    for (const [term, n] of gone.terms) delta.set(term, -n);
  }

  const rows = { ids: [] as string[], terms: [] as string[], tfs: [] as number[], impacts: [] as number[] };
  for (const trace of traces) {
    trace.terms.forEach((term, i) => {
      rows.ids.push(trace.trace_id);
      rows.terms.push(term);
      rows.tfs.push(trace.tfs[i]);
      rows.impacts.push(trace.impacts[i]);
      delta.set(term, (delta.get(term) ?? 0) + 1);
    });
  }
  await m.query(
    `WITH postings AS (
       INSERT INTO lexical_postings (trace_id, term, tf, impact) SELECT * FROM unnest($1::uuid[], $2::text[], $3::real[], $4::real[]))
     INSERT INTO lexical_documents (trace_id, length, tokenizer_version) SELECT * FROM unnest($5::uuid[], $6::real[], $7::int[])`,
    [rows.ids, rows.terms, rows.tfs, rows.impacts, ids, traces.map((t) => t.length), traces.map((t) => t.tokenizer_version)],
  );

  const changed = [...delta].filter(([, n]) => n !== 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  if (changed.length) {
    await m.query(
      `INSERT INTO lexical_terms (term, df)
       SELECT c.term, c.n FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS c(term, n, position) ORDER BY c.position
       ON CONFLICT (term) DO UPDATE SET df = lexical_terms.df + EXCLUDED.df`,
      [changed.map(([t]) => t), changed.map(([, n]) => n)],
    );
  }
  await m.query(
    `INSERT INTO lexical_totals (id, documents, total_length) VALUES (true, $1, $2)
     ON CONFLICT (id) DO UPDATE SET documents = lexical_totals.documents + EXCLUDED.documents,
                                    total_length = lexical_totals.total_length + EXCLUDED.total_length`,
    [traces.length - old.documents, traces.reduce((sum, t) => sum + t.length, 0) - old.length],
  );
}
