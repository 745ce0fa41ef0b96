import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../../core/contract';
import { VERIFICATION_OUTCOMES, VerificationOutcome } from '../../core/enums';

/** A verification was recorded or updated (the trace's trust was recomputed in the same transaction). */
export class TraceVerifiedEvent {
  @IsUUID()
  verification_id: string;

  @IsUUID()
  trace_id: string;

  @IsUUID()
  verifier_id: string;

  @IsIn(VERIFICATION_OUTCOMES)
  outcome: VerificationOutcome;

  @IsString()
  @MaxLength(64)
  environment_key: string;

  /** False for a self-verification. */
  @IsBoolean()
  counted: boolean;

  @IsOptional()
  @IsNumber()
  trust: number | null;
}

export const contract = defineEvent('ct.v1.evt.trace.verified', TraceVerifiedEvent);
