import { collapseDuplicates } from './collapse-duplicates';
import { diversify, Similarity, tagTitleJaccard } from './diversify';
import { promoteSuccessors } from './promote-successors';
import { DEFAULT_RANKING_WEIGHTS, RankingWeights } from './ranking-weights';
import { RankedResult, RankingCandidate, rerank } from './rerank';

export interface RankResultsOptions<C extends RankingCandidate> {
  weights?: RankingWeights;
  similarity?: Similarity<C>;
  /** Leave out a superseded trace whose successor is among the results (default false: it is shown, below). */
  dropSuperseded?: boolean;
}

/**
 * The whole re-ranking, in order: score and sort (rerank), near-duplicates collapse into their
 * best-ranked member, the top places are made diverse, and last successors take the place of the
 * traces they supersede (a rule, so nothing after it may put the old trace back above the new).
 * Pure; the caller pages the result.
 */
export function rankResults<C extends RankingCandidate>(
  candidates: readonly C[],
  searcherContext: unknown,
  now: Date,
  options: RankResultsOptions<C> = {},
): RankedResult<C>[] {
  const weights = options.weights ?? DEFAULT_RANKING_WEIGHTS;
  const scored = rerank(candidates, searcherContext, now, weights);
  const collapsed = collapseDuplicates(scored);
  const diverse = diversify(collapsed, options.similarity ?? tagTitleJaccard, weights);
  return promoteSuccessors(diverse, { dropSuperseded: options.dropSuperseded });
}
