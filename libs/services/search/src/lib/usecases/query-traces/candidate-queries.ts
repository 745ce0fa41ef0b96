import { nearestNeighbours } from '@commontrace/persistence';
import { EntityManager } from 'typeorm';
import { CandidateFilter, filterSql } from './candidate-filter';

/**
 * The query text as a tsquery that ORs its words. The text goes through `to_tsvector` with the
 * configuration of the traces' `search_vector`, so the query holds exactly the lexemes that a
 * trace with the same text holds, and nothing in it is ever read as an operator: `-g`, `!`,
 * `|`, `&`, `<->`, `:*`, parentheses and quotes are text (a minus is not "without", a quote
 * opens no phrase). Each lexeme becomes a quoted tsquery literal (backslashes and quotes
 * doubled), joined with `|`. NULL when the text holds no words.
 */
const QUERY_TSQUERY = `(
  SELECT nullif(string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | '), '')::tsquery
    FROM unnest(to_tsvector('english', $1))
)`;

/**
 * Full-text candidates. The words of the query are OR-ed (an agent's query is a sentence;
 * demanding every word finds nothing), and ts_rank_cd puts traces that match more of them,
 * closer together and in the title first.
 */
export async function lexicalCandidates(m: EntityManager, q: string, filter: CandidateFilter): Promise<string[]> {
  const where = filterSql(filter, 3);
  const rows: { id: string }[] = await m.query(
    `WITH query AS (SELECT ${QUERY_TSQUERY} AS tsq)
     SELECT t.id FROM traces t, query
      WHERE ${where.sql} AND query.tsq IS NOT NULL AND t.search_vector @@ query.tsq
      ORDER BY ts_rank_cd(t.search_vector, query.tsq, 1) DESC, t.created_at DESC
      LIMIT $2`,
    [q, filter.limit, ...where.params],
  );
  return rows.map((r) => r.id);
}

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
