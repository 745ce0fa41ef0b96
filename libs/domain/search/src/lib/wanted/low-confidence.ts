import { weightedTokens } from '@commontrace/domain-traces';
import { wantedTerms } from './normalize-query';

/**
 * Below these, a search's best result is weak: it holds less than `minCoverage` of the query's
 * distinctive term weight (in its title, tags and snippet), or it was found only by vector
 * nearness below `minSimilarity` (cosine), with no word of the query in common.
 */
export const LOW_CONFIDENCE = { minCoverage: 0.5, minSimilarity: 0.5 } as const;

/** What a search answered, as far as the low-confidence rule reads it. */
export interface SearchOutcome {
  resultCount: number;
  /** Signals of the first result, when there is one. */
  top?: {
    /** Rank in the lexical list (1 = first), null when no word of the query matched it. */
    lexicalRank: number | null;
    /** Cosine similarity to the query vector, when known. */
    vectorSimilarity?: number | null;
    /** Share of the query's distinctive term weight found in the result (0-1), when known. */
    termCoverage?: number | null;
  };
}

/**
 * Whether a search leaves its question open, so that it is recorded as demand: no result; or a
 * top result that covers less than half the query's distinctive terms; or one that only vector
 * nearness found (no query word in it) and that is not near (similarity under 0.5, or unknown).
 */
export function isLowConfidence(outcome: SearchOutcome): boolean {
  if (outcome.resultCount <= 0 || !outcome.top) return true;
  const { lexicalRank, vectorSimilarity, termCoverage } = outcome.top;
  if (termCoverage != null && termCoverage < LOW_CONFIDENCE.minCoverage) return true;
  if (lexicalRank != null) return false;
  return (vectorSimilarity ?? 0) < LOW_CONFIDENCE.minSimilarity;
}

/** The part of a search reply the rule reads (QueryTracesReply has it). */
export interface SearchReplyLike {
  results: { title: string; snippet: string; tags: string[]; explanation: { lexical_rank: number | null } }[];
}

/** Share of the query's distinctive term weight present in a text: 1 when the query has no distinctive terms. */
export function termCoverage(q: string, text: string): number {
  const query = wantedTerms(q);
  if (query.total <= 0) return 1;
  const found = weightedTokens(text).weights;
  let shared = 0;
  for (const [term, weight] of query.weights) if ((found.get(term) ?? 0) > 0) shared += weight;
  return shared / query.total;
}

/** The outcome of a search from its reply: the count, and the top result's lexical rank and term coverage (title, tags, snippet). */
export function searchOutcome(q: string, reply: SearchReplyLike): SearchOutcome {
  const top = reply.results[0];
  if (!top) return { resultCount: 0 };
  return {
    resultCount: reply.results.length,
    top: { lexicalRank: top.explanation.lexical_rank, termCoverage: termCoverage(q, `${top.title}\n${top.tags.join(' ')}\n${top.snippet}`) },
  };
}
