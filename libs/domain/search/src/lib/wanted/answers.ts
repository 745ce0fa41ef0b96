import { TOKEN_WEIGHTS, weightedTokens, WeightedTokens } from '@commontrace/domain-traces';

/**
 * A trace answers a wanted query when it holds at least `coverage` of the query's distinctive
 * term weight (its text, title and tags together), and at least one of those terms is in its
 * title or tags (what the trace is about, not a word it mentions in passing).
 */
export const ANSWER_RULE = { coverage: 0.75 } as const;

/** The terms of a trace as the answer rule reads them. */
export interface TraceTerms {
  /** Distinctive (not generic) terms of the title and tags: what candidates are looked up by. */
  about: Set<string>;
  /** Every term of the title, tags, context and solution. */
  all: Set<string>;
}

export interface TraceText {
  title: string;
  tags: string[];
  context_text: string;
  solution_text: string;
}

function distinctive(tokens: WeightedTokens): Set<string> {
  const out = new Set<string>();
  for (const [t, w] of tokens.weights) if (w > TOKEN_WEIGHTS.generic) out.add(t);
  return out;
}

/**
 * The distinctive terms of a trace's title and tags (`TraceTerms.about`): enough to look up the
 * open questions it may answer, so the whole text is tokenized only when there are some.
 */
export function traceAbout(trace: Pick<TraceText, 'title' | 'tags'>): Set<string> {
  return distinctive(weightedTokens(`${trace.title}\n${trace.tags.join(' ')}`));
}

/** The terms of a trace (the same code-aware tokens as a query's). */
export function traceTerms(trace: TraceText): TraceTerms {
  const all = weightedTokens(`${trace.title}\n${trace.tags.join(' ')}\n${trace.context_text}\n${trace.solution_text}`);
  return { about: traceAbout(trace), all: new Set(all.weights.keys()) };
}

/** Whether a trace answers a wanted query (its `wantedTerms`) by ANSWER_RULE. A query without distinctive terms is never answered by a rule. */
export function answersWanted(query: WeightedTokens, trace: TraceTerms): boolean {
  if (query.total <= 0) return false;
  let shared = 0;
  let aboutIt = false;
  for (const [term, weight] of query.weights) {
    if (!trace.all.has(term)) continue;
    shared += weight;
    if (trace.about.has(term)) aboutIt = true;
  }
  return aboutIt && shared / query.total >= ANSWER_RULE.coverage;
}
