import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { VOTE_DIRECTIONS, VoteDirection } from '../../core/enums';
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
  @IsIn(VOTE_DIRECTIONS)
  vote_type: VoteDirection;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(VOTE_LIMITS.tag)
  @Matches(/^[a-z0-9_-]+$/, { message: 'feedback_tag must be a short lowercase tag ([a-z0-9_-])' })
  feedback_tag?: string;

  /** Why, and what to improve: at least 10 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(VOTE_LIMITS.feedbackMin)
  @MaxLength(VOTE_LIMITS.feedbackMax)
  feedback_text: string;

  /** Where the voter used or read it: language, framework, versions, os. */
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

export interface CastVoteReply {
  vote: VoteView;
  /** The trace's trust after this vote. */
  trust: TrustSummary;
  redactions?: { field: string; kind: string; count: number }[];
}

export const contract = defineRequest<CastVoteRequest, CastVoteReply>('ct.v1.reputation.cast-vote', CastVoteRequest);
