import { Transform } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { FEEDBACK_TAGS, VOTE_DIRECTIONS, VoteDirection } from '../../core/enums';
import { IsEnvironment } from '../../core/validators';
import { TrustSummary } from '../../traces/trust-summary';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const VOTE_LIMITS = { feedbackMin: 10, feedbackMax: 5000, tag: 50 } as const;

/**
 * `POST /traces/{id}/votes` body (CommonTrace v1 fields). `feedback_tag` is required for a down
 * vote (one of FEEDBACK_TAGS; checked by the use case, which answers 400 naming the field) and
 * optional for an up vote, where any short tag (`worked`) is kept.
 */
export class VoteInput {
  @ApiProperty({ enum: VOTE_DIRECTIONS, example: 'up', description: 'CommonTrace v1' })
  @IsIn(VOTE_DIRECTIONS)
  vote_type: VoteDirection;

  @ApiPropertyOptional({ maxLength: VOTE_LIMITS.tag, pattern: '^[a-z0-9_-]+$', example: 'worked', description: `CommonTrace v1. Required for a down vote, one of ${FEEDBACK_TAGS.join(', ')}; any short tag for an up vote` })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(VOTE_LIMITS.tag)
  @Matches(/^[a-z0-9_-]+$/, { message: 'feedback_tag must be a short lowercase tag ([a-z0-9_-])' })
  feedback_tag?: string;

  /** Why, and what to improve: at least 10 characters. */
  @ApiProperty({ minLength: VOTE_LIMITS.feedbackMin, maxLength: VOTE_LIMITS.feedbackMax, example: 'Worked after pinning the version.', description: 'CommonTrace v1: why, and what to improve (trimmed)' })
  @Transform(trim)
  @IsString()
  @MinLength(VOTE_LIMITS.feedbackMin)
  @MaxLength(VOTE_LIMITS.feedbackMax)
  feedback_text: string;

  /** Where the voter used or read it: language, framework, versions, os. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { language: 'python', os: 'linux' }, description: 'CommonTrace v1: where the voter used it (language, framework, runtime, os; packages, versions, tools: name → version)' })
  @IsOptional()
  @IsEnvironment()
  voter_context?: Record<string, unknown>;
}

export class CastVoteRequest extends VoteInput {
  @IsUUID()
  trace_id: string;

  @IsUUID()
  voter_id: string;
}

export interface VoteView {
  id: string;
  trace_id: string;
  voter_id: string;
  vote_type: VoteDirection;
  feedback_tag: string | null;
  feedback_text: string;
  voter_context: Record<string, unknown> | null;
  /** The vote's weight when it was last counted (before grouping and decay). */
  weight: number;
  created_at: string;
  updated_at: string;
}

/**
 * The vote's own fields at the top level are the CommonTrace v1 answer (`id`, `trace_id`,
 * `voter_id`, `vote_type`, `feedback_tag`, `feedback_text`, `created_at`); `vote` repeats them.
 */
export interface CastVoteReply extends VoteView {
  vote: VoteView;
  /** The trace's trust after this vote. */
  trust: TrustSummary;
  redactions?: { field: string; kind: string; count: number }[];
}

export const contract = defineRequest<CastVoteRequest, CastVoteReply>('ct.v1.reputation.cast-vote', CastVoteRequest);
