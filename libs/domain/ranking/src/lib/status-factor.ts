import { TraceStatus } from '@commontrace/contracts';
import { DEFAULT_RANKING_WEIGHTS, RankingWeights } from './ranking-weights';

export interface StatusFactor {
  multiplier: number;
  status: TraceStatus;
  /** For a superseded trace: the trace that replaces it (the caller shows it). */
  successor_id: string | null;
}

/** Hidden traces never appear in search: they are excluded before any scoring. */
export function isHiddenStatus(status: TraceStatus): boolean {
  return status === 'hidden';
}

/**
 * The status multiplier: validated slightly up, pending neutral, stale and disputed down,
 * superseded further down (its successor should answer instead). Null for hidden: excluded.
 * An unknown status is treated as pending.
 */
export function statusFactor(
  status: TraceStatus,
  superseded_by: string | null | undefined,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): StatusFactor | null {
  if (isHiddenStatus(status)) return null;
  const table = weights.status;
  const multiplier = Object.prototype.hasOwnProperty.call(table, status) ? table[status as keyof typeof table] : table.pending;
  return { multiplier: multiplier > 0 ? multiplier : table.pending, status, successor_id: status === 'superseded' ? (superseded_by ?? null) : null };
}
