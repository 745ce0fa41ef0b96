import { TraceStatus, TrustSummary } from '@commontrace/contracts';
import { ContextFactor, contextFactorFor, EnvironmentView, readSearcherContext } from './context-factor';
import { FreshnessFactor, freshnessFactor } from './freshness-factor';
import { DEFAULT_RANKING_WEIGHTS, RankingWeights } from './ranking-weights';
import { isHiddenStatus, StatusFactor, statusFactor } from './status-factor';
import { isBuried, TrustFactor, trustFactor, TrustInputs } from './trust-factor';

/** One fused candidate with the facts the factors read (a `traces` row, its trust summary, its fusion). */
export interface RankingCandidate {
  id: string;
  /** The fused relevance (weighted RRF score), > 0. */
  relevance: number;
  /** Its rank in each retriever's list by name (null when that retriever did not find it), for explain. */
  retriever_ranks?: Readonly<Record<string, number | null>>;
  trust: TrustInputs & Partial<Pick<TrustSummary, 'last_verified_at' | 'environments'>>;
  status: TraceStatus;
  title?: string;
  tags: readonly string[];
  language: string | null;
  framework: string | null;
  metadata: Record<string, unknown> | null;
  created_at: Date | string;
  updated_at: Date | string | null;
  superseded_by: string | null;
  /** Candidates with the same key are near-duplicates (linked `duplicate_of`, or flagged by the caller). */
  duplicate_group?: string | null;
}

export interface ScoreExplanationDetail {
  relevance: { multiplier: number; retriever_ranks: Record<string, number | null> };
  trust: TrustFactor;
  freshness: FreshnessFactor;
  context: ContextFactor;
  status: StatusFactor;
  /** relevance × trust × freshness × context × status. */
  final: number;
}

export interface RankedResult<C extends RankingCandidate = RankingCandidate> {
  id: string;
  score: number;
  candidate: C;
  explanation: ScoreExplanationDetail;
  /** How many traces this result stands for (itself and the near-duplicates collapsed into it). */
  stands_for: number;
  collapsed_ids: string[];
  /** Set on a successor that took the place of the superseded trace it replaces. */
  replaces: string | null;
}

/** Hidden and buried candidates never reach the results. */
export function isExcluded(candidate: Pick<RankingCandidate, 'status' | 'trust'>): boolean {
  return isHiddenStatus(candidate.status) || isBuried(candidate.trust);
}

/** The score of one candidate with every factor that made it, or null when it is excluded. */
export function scoreCandidate<C extends RankingCandidate>(
  candidate: C,
  searcherContext: unknown,
  now: Date,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): RankedResult<C> | null {
  return scoreWith(candidate, readSearcherContext(searcherContext), now, weights);
}

function scoreWith<C extends RankingCandidate>(candidate: C, searcher: EnvironmentView, now: Date, weights: RankingWeights): RankedResult<C> | null {
  if (isExcluded(candidate)) return null;
  const status = statusFactor(candidate.status, candidate.superseded_by, weights);
  if (!status) return null;
  const relevance = Number.isFinite(candidate.relevance) && candidate.relevance > 0 ? candidate.relevance : 0;
  const trust = trustFactor(candidate.trust, weights);
  const freshness = freshnessFactor({ ...candidate, last_verified_at: candidate.trust.last_verified_at ?? null }, now, weights);
  const context = contextFactorFor(
    searcher,
    { language: candidate.language, framework: candidate.framework, tags: candidate.tags, metadata: candidate.metadata, verified_environments: candidate.trust.environments ?? [] },
    weights,
  );
  const final = relevance * trust.multiplier * freshness.multiplier * context.multiplier * status.multiplier;
  return {
    id: candidate.id,
    score: final,
    candidate,
    explanation: {
      relevance: { multiplier: relevance, retriever_ranks: { ...(candidate.retriever_ranks ?? {}) } },
      trust,
      freshness,
      context,
      status,
      final,
    },
    stands_for: 1,
    collapsed_ids: [],
    replaces: null,
  };
}

/**
 * Re-ranks fused candidates by relevance × trust × freshness × context × status (each factor in
 * its own module, every weight in ranking-weights.ts). Hidden and buried candidates are left out;
 * the rest come back sorted by score, ties by relevance, then in input order.
 */
export function rerank<C extends RankingCandidate>(
  candidates: readonly C[],
  searcherContext: unknown,
  now: Date,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): RankedResult<C>[] {
  const searcher = readSearcherContext(searcherContext);
  const scored = candidates
    .map((c, index) => ({ result: scoreWith(c, searcher, now, weights), index }))
    .filter((x): x is { result: RankedResult<C>; index: number } => x.result !== null);
  scored.sort(
    (a, b) => b.result.score - a.result.score || b.result.explanation.relevance.multiplier - a.result.explanation.relevance.multiplier || a.index - b.index,
  );
  return scored.map((x) => x.result);
}
