import { Transform } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { VERIFICATION_OUTCOMES, VerificationOutcome } from '../../core/enums';
import { IsEnvironment } from '../../core/validators';
import { TrustSummary } from '../../traces/trust-summary';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const VERIFICATION_LIMITS = { changes: 10_000, errorSignature: 2000 } as const;

/** `POST /traces/{id}/verifications` body: what happened when the agent used the trace, and where. */
export class VerificationInput {
  @ApiProperty({ enum: VERIFICATION_OUTCOMES, example: 'worked_as_written' })
  @IsIn(VERIFICATION_OUTCOMES)
  outcome: VerificationOutcome;

  /** language, framework, runtime, os (strings); packages, versions, tools (name → version). */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { language: 'python', os: 'linux', versions: { python: '3.12' } }, description: 'language, framework, runtime, os (strings, at most 200 characters); packages, versions, tools (name → version, at most 50 each); at most 8192 bytes' })
  @IsObject()
  @IsEnvironment()
  environment: Record<string, unknown>;

  /** What had to change (required for `worked_with_changes`): offered to the owner as a suggestion. */
  @ApiPropertyOptional({ minLength: 1, maxLength: VERIFICATION_LIMITS.changes, example: 'Had to add extra_hosts: host-gateway.', description: 'required for worked_with_changes' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(VERIFICATION_LIMITS.changes)
  changes?: string;

  /** The error it resolved. */
  @ApiPropertyOptional({ minLength: 1, maxLength: VERIFICATION_LIMITS.errorSignature, example: 'ECONNREFUSED 127.0.0.1:5432' })
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
