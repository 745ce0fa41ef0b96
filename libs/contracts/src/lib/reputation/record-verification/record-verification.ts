import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { VERIFICATION_OUTCOMES, VerificationOutcome } from '../../core/enums';
import { IsEnvironment } from '../../core/validators';
import { TrustSummary } from '../../traces/trust-summary';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const VERIFICATION_LIMITS = { changes: 10_000, errorSignature: 2000 } as const;

/** `POST /traces/{id}/verifications` body: what happened when the agent used the trace, and where. */
export class VerificationInput {
  @IsIn(VERIFICATION_OUTCOMES)
  outcome: VerificationOutcome;

  /** language, framework, runtime, os (strings); packages, versions, tools (name → version). */
  @IsObject()
  @IsEnvironment()
  environment: Record<string, unknown>;

  /** What had to change (required for `worked_with_changes`): offered to the owner as a suggestion. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(VERIFICATION_LIMITS.changes)
  changes?: string;

  /** The error it resolved. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(VERIFICATION_LIMITS.errorSignature)
  error_signature?: string;
}

export class RecordVerificationRequest extends VerificationInput {
  @IsUUID()
  trace_id: string;

  @IsUUID()
  verifier_id: string;
}

export interface VerificationView {
  id: string;
  trace_id: string;
  verifier_id: string;
  outcome: VerificationOutcome;
  environment: Record<string, unknown>;
  environment_key: string;
  changes: string | null;
  error_signature: string | null;
  trace_version: number;
  /** False for a self-verification: recorded, never counted. */
  counted: boolean;
  weight: number;
  created_at: string;
  updated_at: string;
}

export interface RecordVerificationReply {
  verification: VerificationView;
  trust: TrustSummary;
  redactions?: { field: string; kind: string; count: number }[];
}

export const contract = defineRequest<RecordVerificationRequest, RecordVerificationReply>('ct.v1.reputation.record-verification', RecordVerificationRequest);
