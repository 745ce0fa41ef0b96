import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../../core/contract';
import { TRACE_STANDINGS, TraceStanding } from '../../core/enums';

/**
 * The reputation service decided a trace's standing: validated or stale or disputed by its
 * evidence, hidden by weighted flags or a moderator, back to its earned standing on restore.
 * Ingest, which owns `traces.status`, applies it (a superseded trace stays superseded unless it
 * is hidden; a hidden trace leaves `hidden` only by a moderation decision, never by evidence)
 * and emits `trace.status-changed` when the status moved.
 */
export const STANDING_SOURCES = ['evidence', 'moderation'] as const;
export type StandingSource = (typeof STANDING_SOURCES)[number];

export class TraceStandingChangedEvent {
  @IsUUID()
  trace_id: string;

  @IsIn(TRACE_STANDINGS)
  standing: TraceStanding;

  /** Why, in a sentence ("3 independent agents verified it", "hidden by a moderator: spam"). */
  @IsString()
  @MaxLength(500)
  reason: string;

  /**
   * `evidence`: votes, verifications and decay decided it (never `hidden`, never unhides);
   * `moderation`: weighted flags or a moderator decided it (hide, restore, merge).
   */
  @IsIn(STANDING_SOURCES)
  source: StandingSource;

  /** The moderator who acted, when one did; absent for decisions that follow from the evidence. */
  @IsOptional()
  @IsUUID()
  moderator_id?: string;

  /** When the decision was taken: ingest ignores a decision older than the one it last applied. */
  @IsISO8601()
  decided_at: string;
}

export const contract = defineEvent('ct.v1.evt.trace.standing-changed', TraceStandingChangedEvent);
