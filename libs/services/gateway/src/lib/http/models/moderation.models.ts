// The answers of the moderation routes, for the OpenAPI document (see trace.models.ts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FLAG_CATEGORIES, MODERATION_ACTIONS, ReputationModerateTrace, ReputationModerationLog, ReputationModerationQueue } from '@commontrace/contracts';
import { EXAMPLE_ACCOUNT_ID, EXAMPLE_TIME, EXAMPLE_TRACE_ID } from './trace.models';

const OTHER_ID = 'c0a8f3d2-1e4b-4a6c-9b7d-5f2e8a1c3d60';

export class ModerationActionViewModel implements ReputationModerateTrace.ModerationActionView {
  @ApiProperty({ format: 'uuid', example: OTHER_ID }) id!: string;
  @ApiProperty({ enum: MODERATION_ACTIONS, example: 'hide' }) action!: ReputationModerateTrace.ModerationActionView['action'];
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) trace_id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) related_trace_id!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: EXAMPLE_ACCOUNT_ID, description: 'null when the system acted' }) moderator_id!: string | null;
  @ApiProperty({ example: 'Spam link farm.' }) reason!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
}

class SpamRemovalView {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) contributor_id!: string;
  @ApiProperty({ example: -50 }) delta!: number;
}

export class ModerateReplyView implements ReputationModerateTrace.ModerateTraceReply {
  @ApiProperty({ type: ModerationActionViewModel }) action!: ModerationActionViewModel;
  @ApiPropertyOptional({ example: 'hidden', description: 'the standing decided for the trace' }) standing?: string;
  @ApiProperty({ example: 2 }) flags_closed!: number;
  @ApiPropertyOptional({ type: SpamRemovalView }) spam_removal?: SpamRemovalView;
}

export class ModerationLogView implements ReputationModerationLog.ModerationLogReply {
  @ApiProperty({ type: [ModerationActionViewModel] }) actions!: ModerationActionViewModel[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor!: string | null;
}

class FlagReasonView {
  @ApiProperty({ enum: FLAG_CATEGORIES, example: 'spam' }) category!: ReputationModerationQueue.FlaggedTrace['latest_reasons'][number]['category'];
  @ApiProperty({ example: 'Link farm.' }) reason!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
}

class FlaggedTraceView implements ReputationModerationQueue.FlaggedTrace {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) trace_id!: string;
  @ApiProperty({ example: 'Cheap hosting here' }) title!: string;
  @ApiProperty({ example: 'pending' }) status!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) contributor_id!: string;
  @ApiProperty({ example: 2 }) open_flags!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { spam: 2 } }) by_category!: ReputationModerationQueue.FlaggedTrace['by_category'];
  @ApiProperty({ example: 1.25 }) weight!: number;
  @ApiProperty({ type: [FlagReasonView] }) latest_reasons!: FlagReasonView[];
}

class PendingAmendmentView implements ReputationModerationQueue.PendingAmendment {
  @ApiProperty({ format: 'uuid', example: OTHER_ID }) amendment_id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) trace_id!: string;
  @ApiProperty({ example: 'Docker container cannot reach PostgreSQL on localhost' }) trace_title!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) author_id!: string;
  @ApiProperty({ example: 'On Linux host.docker.internal needs the host-gateway mapping.' }) explanation!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
}

class DuplicateCloseVotesView implements ReputationModerationQueue.DuplicateCloseVotes {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) trace_id!: string;
  @ApiProperty({ format: 'uuid', example: OTHER_ID }) duplicate_of!: string;
  @ApiProperty({ example: 2 }) votes!: number;
  @ApiProperty({ type: [String], example: [EXAMPLE_ACCOUNT_ID] }) voters!: string[];
}

class FlaggedSectionView {
  @ApiProperty({ type: [FlaggedTraceView] }) items!: FlaggedTraceView[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor!: string | null;
}

class AmendmentsSectionView {
  @ApiProperty({ type: [PendingAmendmentView] }) items!: PendingAmendmentView[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor!: string | null;
}

class DuplicatesSectionView {
  @ApiProperty({ type: [DuplicateCloseVotesView] }) items!: DuplicateCloseVotesView[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor!: string | null;
}

export class ModerationQueueView implements ReputationModerationQueue.ModerationQueueReply {
  @ApiPropertyOptional({ type: FlaggedSectionView, description: 'without section, or with section=flagged' }) flagged?: FlaggedSectionView;
  @ApiPropertyOptional({ type: AmendmentsSectionView }) amendments?: AmendmentsSectionView;
  @ApiPropertyOptional({ type: DuplicatesSectionView }) duplicates?: DuplicatesSectionView;
}
