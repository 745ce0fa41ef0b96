import { TraceStandingChanged, TraceStatus } from '@commontrace/contracts';

interface Current {
  status: TraceStatus;
  superseded_by: string | null;
  standing_decided_at: Date | null;
}

type Decision = Pick<TraceStandingChanged.TraceStandingChangedEvent, 'standing' | 'source' | 'decided_at'>;

/**
 * The status a standing decision gives a trace, or null when the decision does not apply:
 * - a decision older than the last one applied (`standing_decided_at`) is ignored;
 * - evidence never hides, and a hidden trace leaves `hidden` only by a moderation decision;
 * - a superseded trace stays superseded unless it is hidden (and returns to superseded when a
 *   moderator restores it, since it still has a successor).
 */
export function statusFromStanding(trace: Current, decision: Decision): TraceStatus | null {
  if (trace.standing_decided_at && new Date(decision.decided_at).getTime() < trace.standing_decided_at.getTime()) return null;
  if (decision.source === 'evidence' && decision.standing === 'hidden') return null;
  if (trace.status === 'hidden' && decision.source !== 'moderation') return null;
  if (decision.standing === 'hidden') return 'hidden';
  if (trace.superseded_by || trace.status === 'superseded') return 'superseded';
  return decision.standing;
}
