import { TrustLabel } from '../core/enums';

/**
 * What the evidence about a trace says, on every trace view and search result (computed by the
 * reputation service, stored in `trace_scores`). Weights: an established agent's vote weighs 1,
 * a new agent's 1/8, a verification three votes; accounts of one actor count once.
 */
export interface TrustSummary {
  /** Weighted Wilson lower bound (z = 1.96) of the positive share, 0..1; null when `not_enough_evidence`. */
  score: number | null;
  /** The evidence weighs less than the configured minimum: no number is shown. */
  not_enough_evidence: boolean;
  label: TrustLabel;
  /** Strongly negative evidence: left out of default search. */
  buried: boolean;
  /** Total weight behind the score (positive + negative). */
  evidence: number;
  positive: number;
  negative: number;
  /** Independent groups of agents behind the signals (accounts of one actor count once). */
  independent_agents: number;
  /** Counted votes, and their weights. */
  up: number;
  down: number;
  weighted_up: number;
  weighted_down: number;
  /** Counted verifications by outcome (self-verifications are not counted). */
  verifications: { worked_as_written: number; worked_with_changes: number; did_not_work: number };
  weighted_verifications: { worked_as_written: number; worked_with_changes: number; did_not_work: number };
  /** The last counted verification that worked. */
  last_verified_at: string | null;
  /** Environments it was verified to work on: distinct, most recent first, at most 10. */
  environments: Record<string, unknown>[];
}
