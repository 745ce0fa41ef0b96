import { BM25, CANDIDATE_LIMITS, idf, queryTerms, selectiveTerms } from '@commontrace/domain-search';
import { EntityManager } from 'typeorm';
import { CandidateFilter, filterSql } from './candidate-filter';

export interface LexicalCandidate {
  id: string;
  score: number;
}

/**
 * Lexical candidates, best first, scored with exact BM25 (k1 and b of domain-search's `BM25`)
 * over the field-weighted postings that ingest writes. The work is bounded by the query's
 * selective terms, not by the corpus:
 * 1. the query's terms (words only: nothing in the text is an operator) and their document
 *    frequencies;
 * 2. candidates: the best postings (by impact, at most `perTerm` each) of the rarest terms,
 *    taken while they fit the `budget` — under the filter, so a filtered query fills its page;
 * 3. every candidate scored with BM25 over all the query's terms, and the best `limit` returned.
 * When the chosen terms leave the page short, the candidates are taken again from every term
 * (still at most `perTerm` postings each).
 */
export async function lexicalCandidates(
  m: EntityManager,
  q: string,
  filter: CandidateFilter,
  limits: { perTerm: number; budget: number } = CANDIDATE_LIMITS,
): Promise<LexicalCandidate[]> {
  const terms = queryTerms(q);
  if (!terms.length) return [];
  const stats: { term: string; df: number; documents: number; total_length: number }[] = await m.query(
    `SELECT q.term, coalesce(s.df, 0)::int AS df, tot.documents::float8 AS documents, tot.total_length::float8 AS total_length
       FROM unnest($1::text[]) AS q(term)
       LEFT JOIN lexical_terms s ON s.term = q.term
       CROSS JOIN lexical_totals tot`,
    [terms],
  );
  const present = stats.filter((s) => s.df > 0);
  if (!present.length) return [];
  const documents = present[0].documents;
  const averageLength = present[0].total_length / Math.max(1, documents);
  const weights = present.map((s) => idf(s.df, documents));

  const chosen = selectiveTerms(present, limits);
  const found = await scoreCandidates(m, chosen, present.map((s) => s.term), weights, averageLength, filter, limits.perTerm);
  if (found.length >= filter.limit || chosen.length === present.length) return found;
  return scoreCandidates(m, present.map((s) => s.term), present.map((s) => s.term), weights, averageLength, filter, limits.perTerm);
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
  const rows: { id: string; score: number }[] = await m.query(
    `WITH chosen AS (
       SELECT DISTINCT c.trace_id
         FROM unnest($1::text[]) AS s(term)
         CROSS JOIN LATERAL (
           SELECT p.trace_id FROM lexical_postings p JOIN traces t ON t.id = p.trace_id
            WHERE p.term = s.term AND ${where.sql}
            ORDER BY p.impact DESC
            LIMIT $2) c
     ),
     query AS (SELECT * FROM unnest($3::text[], $4::float8[]) AS q(term, idf)),
     scored AS (
       SELECT c.trace_id,
              sum(query.idf * p.tf * ($5::float8 + 1) / (p.tf + $5::float8 * (1 - $6::float8 + $6::float8 * d.length / $7::float8))) AS score
         FROM chosen c
         JOIN lexical_documents d ON d.trace_id = c.trace_id
         CROSS JOIN LATERAL (SELECT lp.term, lp.tf FROM lexical_postings lp WHERE lp.trace_id = c.trace_id AND lp.term = ANY($3::text[])) p
         JOIN query ON query.term = p.term
        GROUP BY c.trace_id
     )
     SELECT s.trace_id AS id, s.score::float8 AS score
       FROM scored s JOIN traces t ON t.id = s.trace_id
      ORDER BY s.score DESC, t.created_at DESC, t.id
      LIMIT $${8 + where.params.length}`,
    [choosing, perTerm, terms, weights, k1, b, Math.max(averageLength, 1e-9), ...where.params, filter.limit],
  );
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}
