import { IsIn, IsNumber, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../../core/contract';
import { VOTE_DIRECTIONS, VoteDirection } from '../../core/enums';

/** A vote was cast or changed (the trace's trust was recomputed in the same transaction). */
export class VoteCastEvent {
  @IsUUID()
  vote_id: string;

  @IsUUID()
  trace_id: string;

  @IsUUID()
  voter_id: string;

  @IsIn(VOTE_DIRECTIONS)
  vote_type: VoteDirection;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  feedback_tag?: string;

  /** The trace's trust score after it (null: not enough evidence). */
  @IsOptional()
  @IsNumber()
  trust: number | null;
}

export const contract = defineEvent('ct.v1.evt.vote.cast', VoteCastEvent);
