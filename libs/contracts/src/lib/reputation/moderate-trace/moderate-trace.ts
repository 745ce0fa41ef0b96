import { Transform } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { MODERATION_ACTIONS, ModerationAction } from '../../core/enums';
import { REASON_MAX_LENGTH } from '../flag-trace/flag-trace';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Every moderation action says why. */
export class ReasonInput {
  @ApiProperty({ minLength: 1, maxLength: REASON_MAX_LENGTH, example: 'Spam link farm.' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX_LENGTH)
  reason: string;
}

/** POST /moderation/traces/{id}/hide body. `spam: true` removes it as spam (its contributor loses 50 points). */
export class HideInput extends ReasonInput {
  @ApiPropertyOptional({ example: false, description: 'remove it as spam: its contributor loses 50 points' })
  @IsOptional()
  @IsBoolean()
  spam?: boolean;
}

/** POST /moderation/traces/{id}/flags/resolve body: the open flags were right (`resolved`) or not (`dismissed`). */
export class ResolveFlagsInput extends ReasonInput {
  @ApiProperty({ enum: ['resolved', 'dismissed'], example: 'resolved' })
  @IsIn(['resolved', 'dismissed'])
  outcome: 'resolved' | 'dismissed';
}

/** POST /moderation/traces/{id}/merge body: the trace duplicates `target_id`. */
export class MergeInput {
  @ApiProperty({ format: 'uuid', example: '6f1c2b9e-8a41-4c3e-9d2f-1b7a5e0c4d93', description: 'the original this trace duplicates' })
  @IsUUID()
  target_id: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: REASON_MAX_LENGTH, example: 'Same problem and fix as the original.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX_LENGTH)
  reason?: string;
}

/** One moderation action on a trace (the gateway maps each route onto it). */
export class ModerateTraceRequest {
  @IsUUID()
  trace_id: string;

  @IsUUID()
  moderator_id: string;

  @IsIn(MODERATION_ACTIONS)
  action: ModerationAction;

  @ValidateIf((o: ModerateTraceRequest) => o.action !== 'merge_duplicate' || o.reason !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX_LENGTH)
  reason?: string;

  @IsOptional()
  @IsBoolean()
  spam?: boolean;

  /** The original, for `merge_duplicate`. */
  @ValidateIf((o: ModerateTraceRequest) => o.action === 'merge_duplicate' || o.target_id !== undefined)
  @IsUUID()
  target_id?: string;
}

/** A row of the audit log. `moderator_id` is null when the system acted (weighted flags, close votes). */
export interface ModerationActionView {
  id: string;
  action: ModerationAction;
  trace_id: string;
  related_trace_id: string | null;
  moderator_id: string | null;
  reason: string;
  created_at: string;
}

export interface ModerateTraceReply {
  action: ModerationActionView;
  /** The standing decided for the trace (ingest applies it to its status); absent when the action decides none. */
  standing?: string;
  /** Flags the action closed. */
  flags_closed: number;
  /** Points the contributor lost (-50) or got back (0) through the spam entry, when it changed. */
  spam_removal?: { contributor_id: string; delta: number };
}

export const contract = defineRequest<ModerateTraceRequest, ModerateTraceReply>('ct.v1.reputation.moderate-trace', ModerateTraceRequest);
