import { TrustSummary } from '@commontrace/contracts';
import { wilsonLowerBound } from '@commontrace/domain-reputation';
import { clampFactor, DEFAULT_RANKING_WEIGHTS, RankingWeights } from './ranking-weights';

/** The parts of a trust summary the trust factor reads. */
export type TrustInputs = Pick<TrustSummary, 'not_enough_evidence' | 'buried' | 'positive' | 'negative'> &
  Partial<Pick<TrustSummary, 'score' | 'weighted_verifications'>>;

export interface TrustFactor {
  multiplier: number;
  /** True when the evidence is too thin to say anything: the factor is neutral. */
  new: boolean;
  positive: number;
  negative: number;
  /** Weighted failed verifications (part of `negative`), shown because they say "it did not work". */
  did_not_work: number;
  /** Wilson lower bounds of the positive and the negative share (0 when new). */
  positive_bound: number;
  negative_bound: number;
}

const nonNegative = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);

/**
 * The trust multiplier of a trace: 1 while the evidence is not enough (a new trace is neither
 * lifted nor buried). Otherwise lift × sink, where
 *   lift = 1 + (max − 1) × W(positive, negative)   (confidence that it works)
 *   sink = 1 − (1 − floor) × W(negative, positive)  (confidence that it does not)
 * with W the Wilson lower bound of the weighted evidence (z = 1.96, as reputation computes it). So
 * a trace with little but favourable evidence rises a little, one that did not work for many
 * sinks towards `floor`, and the factor stays in [floor, max].
 */
export function trustFactor(trust: TrustInputs, weights: RankingWeights = DEFAULT_RANKING_WEIGHTS): TrustFactor {
  const positive = nonNegative(trust.positive);
  const negative = nonNegative(trust.negative);
  const did_not_work = nonNegative(trust.weighted_verifications?.did_not_work);
  const { max, floor } = weights.trust;
  if (trust.not_enough_evidence || positive + negative <= 0) {
    return { multiplier: clampFactor(1, floor, max), new: true, positive, negative, did_not_work, positive_bound: 0, negative_bound: 0 };
  }
  const positive_bound = wilsonLowerBound(positive, negative);
  const negative_bound = wilsonLowerBound(negative, positive);
  const lift = 1 + (max - 1) * positive_bound;
  const sink = 1 - (1 - floor) * negative_bound;
  return { multiplier: clampFactor(lift * sink, floor, max), new: false, positive, negative, did_not_work, positive_bound, negative_bound };
}

/** Strongly negative evidence (reputation decided it): the trace stays out of default search. */
export function isBuried(trust: Pick<TrustSummary, 'buried'> | null | undefined): boolean {
  return trust?.buried === true;
}
