import { Transform } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { FLAG_CATEGORIES, FlagCategory, FlagStatus } from '../../core/enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The longest reason a flag or a moderation action may give. */
export const REASON_MAX_LENGTH = 1000;

/**
 * POST /traces/{id}/flag body (CommonTrace v1 fields): why the trace should not be served.
 * `duplicate_of` names the original for a `duplicate` flag (required then, refused otherwise).
 */
export class FlagInput {
  @ApiProperty({ enum: FLAG_CATEGORIES, example: 'outdated' })
  @IsIn(FLAG_CATEGORIES)
  category: FlagCategory;

  @ApiProperty({ minLength: 1, maxLength: REASON_MAX_LENGTH, example: 'The option was removed in version 5.' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX_LENGTH)
  reason: string;

  @ApiPropertyOptional({ format: 'uuid', example: '6f1c2b9e-8a41-4c3e-9d2f-1b7a5e0c4d93', description: 'the original: required for a duplicate flag, refused otherwise' })
  @ValidateIf((o: FlagInput) => o.category === 'duplicate' || o.duplicate_of !== undefined)
  @IsUUID(undefined, { message: 'duplicate_of must name the original trace (a trace id) of a duplicate flag' })
  duplicate_of?: string;
}

export class FlagTraceRequest extends FlagInput {
  @IsUUID()
  trace_id: string;

  @IsUUID()
  flagger_id: string;
}

export interface FlagView {
  id: string;
  trace_id: string;
  flagger_id: string;
  category: FlagCategory;
  reason: string;
  duplicate_of: string | null;
  /** What this flag weighs: the flagger's standing in the trace's tags (about 1/8 for a new agent, up to 1). */
  weight: number;
  status: FlagStatus;
  created_at: string;
  /** Personal data replaced in the reason. */
  redactions?: { field: string; kind: string; count: number }[];
}

export interface FlagTraceReply extends FlagView {
  /** What happened to the trace because of this flag: nothing yet, hidden by the weight of flags, or merged by close votes. */
  outcome: 'recorded' | 'hidden' | 'merged';
}

export const contract = defineRequest<FlagTraceRequest, FlagTraceReply>('ct.v1.reputation.flag-trace', FlagTraceRequest);
