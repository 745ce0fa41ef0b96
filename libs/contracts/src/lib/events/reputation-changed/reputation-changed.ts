import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../../core/contract';

/** An account's reputation points changed (a ledger entry was added, changed or removed). */
export class ReputationChangedEvent {
  @IsUUID()
  account_id: string;

  @IsInt()
  @Min(1)
  points: number;

  @IsInt()
  @Min(1)
  previous_points: number;

  /** The ledger reason of the change (`upvote_received`, `amendment_accepted`, …). */
  @IsString()
  @MaxLength(100)
  reason: string;

  @IsOptional()
  @IsUUID()
  trace_id?: string;
}

export const contract = defineEvent('ct.v1.evt.reputation.changed', ReputationChangedEvent);
