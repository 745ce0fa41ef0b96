import { searchTerms, TOKENIZER_VERSION } from '../tokenizer/tokenizer';

/**
 * How the fields of a trace count in the lexical index (BM25F-style): a term's frequency in a
 * trace is the sum over fields of its count there times the field's weight, and the trace's
 * length is the weighted sum of its fields' term counts. Title and tags name what the trace is
 * about, the context is what an agent saw (error text, symptoms), the solution what fixed it.
 */
export const FIELD_WEIGHTS = { title: 3, tags: 3, context: 1.5, solution: 1 } as const;

/**
 * Okapi BM25 over those weighted frequencies and lengths: k1 is how fast repeating a term stops
 * adding (1.2, the usual), b how much a long trace is penalised for its length (0.75, the usual).
 * IDF is ln(1 + (N − df + 0.5) / (df + 0.5)), never negative (as in Lucene).
 */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

export interface LexicalFields {
  title: string;
  tags: readonly string[];
  context_text: string;
  solution_text: string;
}

export interface LexicalDocument {
  /** term → field-weighted frequency. */
  terms: Map<string, number>;
  /** Field-weighted length (sum of the weighted frequencies). */
  length: number;
}

/** The terms of a trace, weighted by field. */
export function lexicalDocument(trace: LexicalFields): LexicalDocument {
  const terms = new Map<string, number>();
  let length = 0;
  const fields: [string, number][] = [
    [trace.title, FIELD_WEIGHTS.title],
    [trace.tags.join(' '), FIELD_WEIGHTS.tags],
    [trace.context_text, FIELD_WEIGHTS.context],
    [trace.solution_text, FIELD_WEIGHTS.solution],
  ];
  for (const [text, weight] of fields) {
    for (const [term, n] of searchTerms(text)) {
      terms.set(term, (terms.get(term) ?? 0) + n * weight);
      length += n * weight;
    }
  }
  return { terms, length };
}

/** BM25's inverse document frequency of a term found in `df` of `documents` traces. */
export function idf(df: number, documents: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/**
 * Impact of a posting, stored with it to order a term's postings best first: BM25's frequency
 * part with the trace's length against a fixed reference length (the corpus average changes, the
 * stored order need not be exact: final scores are computed with the current average).
 */
export const IMPACT_REFERENCE_LENGTH = 300;
export function postingImpact(tf: number, length: number): number {
  const { k1, b } = BM25;
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / IMPACT_REFERENCE_LENGTH));
}

export const CANDIDATE_LIMITS = {
  /** Postings one query term contributes to the candidates at most (its best by impact). */
  perTerm: 200,
  /** Postings the chosen terms may contribute together; terms are taken rarest first until this is reached. */
  budget: 600,
} as const;

/**
 * Which query terms choose the candidates: the rarest first, while the postings they bring
 * (each at most `perTerm`) stay within `budget` — the rarest one always. Every query term is
 * still scored; a trace matching only frequent terms is left out when rarer ones fill the budget.
 * Terms in no trace are skipped.
 */
export function selectiveTerms(stats: { term: string; df: number }[], limits: { perTerm: number; budget: number } = CANDIDATE_LIMITS): string[] {
  const chosen: string[] = [];
  let taken = 0;
  for (const { term, df } of [...stats].filter((s) => s.df > 0).sort((x, y) => x.df - y.df || (x.term < y.term ? -1 : 1))) {
    const brings = Math.min(df, limits.perTerm);
    if (chosen.length > 0 && taken + brings > limits.budget) break;
    chosen.push(term);
    taken += brings;
  }
  return chosen;
}

/** A trace's postings as the lexical index stores them, in parallel arrays. */
export interface LexicalPostings {
  terms: string[];
  /** Field-weighted frequency of each term. */
  tfs: number[];
  /** `postingImpact` of each term. */
  impacts: number[];
  /** Field-weighted length. */
  length: number;
  tokenizer_version: number;
}

/** What the lexical index stores for a trace. */
export function lexicalPostings(trace: LexicalFields): LexicalPostings {
  const doc = lexicalDocument(trace);
  const postings: LexicalPostings = { terms: [], tfs: [], impacts: [], length: doc.length, tokenizer_version: TOKENIZER_VERSION };
  for (const [term, tf] of doc.terms) {
    postings.terms.push(term);
    postings.tfs.push(tf);
    postings.impacts.push(postingImpact(tf, doc.length));
  }
  return postings;
}
