import { BM25, CANDIDATE_LIMITS, idf, InvertedIndex, queryTerms, requiredFacets, selectiveTerms } from '@commontrace/domain-search';
import { lexicalStatistics } from '@commontrace/persistence';
import { EntityManager } from 'typeorm';
import { CandidateFilter, filterSql, narrows } from './candidate-filter';

/** How many times the budget a filtered query that came up short may read on its second try. */
const WIDER_BUDGET = 4;
/**
 * A term's best postings examined under the filter at most, as a multiple of `perTerm`: a
 * selective filter cannot make the candidate step read a frequent term's whole list.
 */
const SCAN_FACTOR = 8;
/**
 * Candidates the in-memory index returns beyond the filter's limit: it does not know statuses,
 * so the few that a status leaves out (orderCandidates drops them) do not shorten the list.
 */
const STATUS_SLACK = 10;

export interface LexicalCandidate {
  id: string;
  score: number;
}

/**
 * Lexical candidates, best first, scored with exact BM25 (k1 and b of domain-search's `BM25`)
 * over the field-weighted postings that ingest writes.
 *
 * With the in-memory copy of the index (`index`, LexicalIndexReplica), the copy scores the traces
 * holding the query's terms and the filter's tags, language and framework, within
 * INDEX_QUERY_LIMITS; statuses are left to the caller (orderCandidates reads every candidate's
 * details under the whole filter). A filtered query whose page the copy cannot fill within its
 * budget (a selective filter: few of the postings it read pass) goes on to SQL. SQL is also the
 * path without the copy, and its work is bounded by the query's selective terms, not by the corpus:
 * 1. the query's terms (words only: nothing in the text is an operator) and their document
 *    frequencies;
 * 2. candidates: the best postings (by impact, at most `perTerm` each) of the rarest terms,
 *    taken while they fit the `budget` — under the filter, so a filtered query fills its page
 *    (of a term's best `perTerm × SCAN_FACTOR` postings);
 * 3. every candidate scored with BM25 over all the query's terms, and the best `limit` returned.
 * When a filter (tags, language, framework) leaves the page short, the candidates are taken
 * again with `WIDER_BUDGET` times the budget (still at most `perTerm` postings per term).
 * Each candidate's postings are read whole (one index range, clustered by trace): cheaper than
 * probing each query term. Ties go by id, so the order is stable.
 */
export async function lexicalCandidates(
  m: EntityManager,
  q: string,
  filter: CandidateFilter,
  index: InvertedIndex | null = null,
  limits: { perTerm: number; budget: number } = CANDIDATE_LIMITS,
): Promise<LexicalCandidate[]> {
  const terms = queryTerms(q);
  if (!terms.length) return [];
  const narrowed = narrows(filter);
  if (index) {
    const { hits, exhaustive } = index.searchWithin(terms, filter.limit + STATUS_SLACK, requiredFacets(filter));
    if (!narrowed || exhaustive || hits.length >= filter.limit) return hits;
  }
  const stats = await lexicalStatistics(m, terms);
  const present = terms.map((term) => ({ term, df: stats.df.get(term) ?? 0 })).filter((s) => s.df > 0);
  if (!present.length) return [];
  const documents = stats.documents;
  const averageLength = stats.totalLength / Math.max(1, documents);
  const weights = present.map((s) => idf(s.df, documents));

  const all = present.map((s) => s.term);
  const chosen = selectiveTerms(present, limits);
  const found = await scoreCandidates(m, chosen, all, weights, averageLength, filter, limits.perTerm);
  if (found.length >= filter.limit || chosen.length === present.length || !narrowed) return found;
  const wider = selectiveTerms(present, { ...limits, budget: limits.budget * WIDER_BUDGET });
  return scoreCandidates(m, wider, all, weights, averageLength, filter, limits.perTerm);
}

async function scoreCandidates(
  m: EntityManager,
  choosing: string[],
  terms: string[],
  weights: number[],
  averageLength: number,
  filter: CandidateFilter,
  perTerm: number,
): Promise<LexicalCandidate[]> {
  const { k1, b } = BM25;
  const where = filterSql(filter, 8);
  // A narrowing filter applies while choosing (so the page fills); otherwise only the traces of the
  // best scores are looked up, to leave out the few a status excludes (hidden, or not asked for).
  const choose = narrows(filter)
    ? `SELECT p.trace_id
         FROM (SELECT lp.trace_id, lp.impact FROM lexical_postings lp WHERE lp.term = s.term ORDER BY lp.impact DESC LIMIT $2 * ${SCAN_FACTOR}) p
         JOIN traces t ON t.id = p.trace_id
        WHERE ${where.sql}
        ORDER BY p.impact DESC
        LIMIT $2`
    : `SELECT lp.trace_id FROM lexical_postings lp WHERE lp.term = s.term ORDER BY lp.impact DESC LIMIT $2`;
  const rows: { id: string; score: number }[] = await m.query(
    `WITH chosen AS (
       SELECT DISTINCT c.trace_id FROM unnest($1::text[]) AS s(term) CROSS JOIN LATERAL (${choose}) c
     ),
     query AS (SELECT * FROM unnest($3::text[], $4::float8[]) AS q(term, idf))
     SELECT s.trace_id AS id, s.score::float8 AS score
       FROM (
         -- Each candidate's postings are read whole (one index range, clustered by trace; cheaper
         -- than probing each query term), its length once; best first, so that the look-up of
         -- the traces below stops at the page's end.
         SELECT c.trace_id,
                sum(query.idf * p.tf * ($5::float8 + 1) / (p.tf + $5::float8 * (1 - $6::float8 + $6::float8 * ld.length / $7::float8))) AS score
           FROM chosen c
           JOIN lexical_documents ld ON ld.trace_id = c.trace_id
           CROSS JOIN LATERAL (SELECT lp.term, lp.tf FROM lexical_postings lp WHERE lp.trace_id = c.trace_id) p
           JOIN query ON query.term = p.term
          GROUP BY c.trace_id
          ORDER BY score DESC, c.trace_id
       ) s
       JOIN traces t ON t.id = s.trace_id
      WHERE ${where.sql}
      ORDER BY s.score DESC, s.trace_id
      LIMIT $${8 + where.params.length}`,
    [choosing, perTerm, terms, weights, k1, b, Math.max(averageLength, 1e-9), ...where.params, filter.limit],
  );
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}
