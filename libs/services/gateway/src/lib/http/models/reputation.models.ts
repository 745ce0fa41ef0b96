// The answers of votes, verifications, flags, reputation, agents, tags and the wanted list, for the
// OpenAPI document; each implements the contract's reply interface (see trace.models.ts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACCOUNT_TIERS,
  FLAG_CATEGORIES,
  FLAG_STATUSES,
  Privilege,
  PRIVILEGE_THRESHOLDS,
  PRIVILEGES,
  ReputationCastVote,
  ReputationFlagTrace,
  ReputationGetAgent,
  ReputationGetReputation,
  ReputationListVerifications,
  ReputationListVotes,
  ReputationRecordVerification,
  SearchListTags,
  SearchListWanted,
  VERIFICATION_OUTCOMES,
  VOTE_DIRECTIONS,
} from '@commontrace/contracts';
import { EXAMPLE_ACCOUNT_ID, EXAMPLE_TIME, EXAMPLE_TRACE_ID, RedactionView, TrustSummaryView } from './trace.models';

const VOTE_ID = '9a4e1c7b-3d2f-4b8a-8e6c-0f5d2a7b1c39';
const ENVIRONMENT = { type: 'object', additionalProperties: true, example: { language: 'python', os: 'linux' } } as const;

export class VoteViewModel implements ReputationCastVote.VoteView {
  @ApiProperty({ format: 'uuid', example: VOTE_ID, description: 'CommonTrace v1' }) id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID, description: 'CommonTrace v1' }) trace_id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID, description: 'CommonTrace v1' }) voter_id!: string;
  @ApiProperty({ enum: VOTE_DIRECTIONS, example: 'up', description: 'CommonTrace v1' }) vote_type!: ReputationCastVote.VoteView['vote_type'];
  @ApiProperty({ type: String, nullable: true, example: 'worked', description: 'CommonTrace v1' }) feedback_tag!: string | null;
  @ApiProperty({ example: 'Worked after pinning the version.', description: 'CommonTrace v1' }) feedback_text!: string;
  @ApiProperty({ ...ENVIRONMENT, nullable: true }) voter_context!: Record<string, unknown> | null;
  @ApiProperty({ example: 0.125, description: 'the weight it was last counted with' }) weight!: number;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME, description: 'CommonTrace v1' }) created_at!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) updated_at!: string;
}

export class CastVoteReplyView extends VoteViewModel implements ReputationCastVote.CastVoteReply {
  @ApiProperty({ type: VoteViewModel, description: 'the same vote (the top-level fields are the CommonTrace v1 answer)' }) vote!: VoteViewModel;
  @ApiProperty({ type: TrustSummaryView, description: "the trace's trust after this vote" }) trust!: TrustSummaryView;
  @ApiPropertyOptional({ type: [RedactionView] }) redactions?: RedactionView[];
}

export class VotesPageView implements ReputationListVotes.ListVotesReply {
  @ApiProperty({ type: [VoteViewModel] }) votes!: VoteViewModel[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor!: string | null;
}

export class VerificationViewModel implements ReputationRecordVerification.VerificationView {
  @ApiProperty({ format: 'uuid', example: VOTE_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) trace_id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) verifier_id!: string;
  @ApiProperty({ enum: VERIFICATION_OUTCOMES, example: 'worked_as_written' }) outcome!: ReputationRecordVerification.VerificationView['outcome'];
  @ApiProperty(ENVIRONMENT) environment!: Record<string, unknown>;
  @ApiProperty({ example: 'language=python;os=linux' }) environment_key!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) changes!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ECONNREFUSED 127.0.0.1:5432' }) error_signature!: string | null;
  @ApiProperty({ example: 1 }) trace_version!: number;
  @ApiProperty({ example: true, description: 'false for a self-verification: recorded, never counted' }) counted!: boolean;
  @ApiProperty({ example: 0.375 }) weight!: number;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) updated_at!: string;
}

export class RecordVerificationReplyView implements ReputationRecordVerification.RecordVerificationReply {
  @ApiProperty({ type: VerificationViewModel }) verification!: VerificationViewModel;
  @ApiProperty({ type: TrustSummaryView }) trust!: TrustSummaryView;
  @ApiPropertyOptional({ type: [RedactionView] }) redactions?: RedactionView[];
}

export class VerificationsPageView implements ReputationListVerifications.ListVerificationsReply {
  @ApiProperty({ type: [VerificationViewModel] }) verifications!: VerificationViewModel[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor!: string | null;
}

export class FlagReplyView implements ReputationFlagTrace.FlagTraceReply {
  @ApiProperty({ format: 'uuid', example: VOTE_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) trace_id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) flagger_id!: string;
  @ApiProperty({ enum: FLAG_CATEGORIES, example: 'outdated' }) category!: ReputationFlagTrace.FlagView['category'];
  @ApiProperty({ example: 'The option was removed in version 5.' }) reason!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) duplicate_of!: string | null;
  @ApiProperty({ example: 0.125 }) weight!: number;
  @ApiProperty({ enum: FLAG_STATUSES, example: 'open' }) status!: ReputationFlagTrace.FlagView['status'];
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
  @ApiPropertyOptional({ type: [RedactionView] }) redactions?: RedactionView[];
  @ApiProperty({ enum: ['recorded', 'hidden', 'merged'], example: 'recorded' }) outcome!: ReputationFlagTrace.FlagTraceReply['outcome'];
}

/** The points each privilege needs, as the reputation service is configured. */
export class ThresholdsView implements Record<Privilege, number> {
  @ApiProperty({ example: PRIVILEGE_THRESHOLDS.flag }) flag!: number;
  @ApiProperty({ example: PRIVILEGE_THRESHOLDS.link }) link!: number;
  @ApiProperty({ example: PRIVILEGE_THRESHOLDS.review }) review!: number;
  @ApiProperty({ example: PRIVILEGE_THRESHOLDS.edit }) edit!: number;
  @ApiProperty({ example: PRIVILEGE_THRESHOLDS.moderate }) moderate!: number;
}

class DomainReputationView implements ReputationGetReputation.DomainReputationItem {
  @ApiProperty({ example: 'docker', description: 'CommonTrace v1' }) domain_tag!: string;
  @ApiProperty({ example: 0.61, description: 'CommonTrace v1' }) wilson_score!: number;
  @ApiProperty({ example: 4.25, description: 'CommonTrace v1 (weighted here, so not always whole)' }) upvote_count!: number;
  @ApiProperty({ example: 0.125, description: 'CommonTrace v1 (weighted)' }) downvote_count!: number;
}

export class ReputationReplyView implements ReputationGetReputation.GetReputationReply {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID, description: 'CommonTrace v1: the contributor' }) user_id!: string;
  @ApiProperty({ example: 0.58, description: 'CommonTrace v1: Wilson lower bound over all tags' }) overall_wilson_score!: number;
  @ApiProperty({ type: [DomainReputationView], description: 'CommonTrace v1: per tag, strongest first (at most 20)' }) domains!: DomainReputationView[];
  @ApiProperty({ example: 3 }) domains_total!: number;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) contributor_id!: string;
  @ApiProperty({ example: 42 }) points!: number;
  @ApiProperty({ type: [String], enum: PRIVILEGES, example: ['flag'] }) privileges!: Privilege[];
  @ApiProperty({ type: ThresholdsView }) thresholds!: ThresholdsView;
  @ApiProperty({ example: 7 }) traces_contributed!: number;
}

class NextPrivilegeView implements ReputationGetAgent.NextPrivilege {
  @ApiProperty({ enum: PRIVILEGES, example: 'link' }) privilege!: Privilege;
  @ApiProperty({ example: 100 }) required_points!: number;
  @ApiProperty({ example: 58 }) points_needed!: number;
}

export class AgentReplyView implements ReputationGetAgent.GetAgentReply {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'ci-agent' }) name!: string | null;
  @ApiProperty({ enum: ACCOUNT_TIERS, example: 'free' }) tier!: ReputationGetAgent.GetAgentReply['tier'];
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
  @ApiProperty({ example: 42 }) points!: number;
  @ApiProperty({ type: [String], enum: PRIVILEGES, example: ['flag'] }) privileges!: Privilege[];
  @ApiProperty({ type: ThresholdsView }) thresholds!: ThresholdsView;
  @ApiProperty({ type: NextPrivilegeView, nullable: true, description: 'null when every privilege is granted' }) next_privilege!: NextPrivilegeView | null;
  @ApiProperty({ example: 7 }) traces_contributed!: number;
}

class TagCountView implements SearchListTags.TagCount {
  @ApiProperty({ example: 'docker' }) tag!: string;
  @ApiProperty({ example: 12 }) count!: number;
}

export class TagsReplyView implements SearchListTags.ListTagsReply {
  @ApiProperty({ type: [String], example: ['docker', 'python'], description: 'CommonTrace v1: the tag names, the most used first' }) tags!: string[];
  @ApiProperty({ type: [TagCountView] }) counts!: TagCountView[];
  @ApiProperty({ example: 2, description: 'distinct tags that match (the lists hold at most limit)' }) total!: number;
}

class WantedViewModel implements SearchListWanted.WantedView {
  @ApiProperty({ format: 'uuid', example: VOTE_ID }) id!: string;
  @ApiProperty({ example: 'pnpm install fails with ERR_PNPM_LOCKFILE_BREAKING_CHANGE' }) query!: string;
  @ApiProperty({ example: 'pnpm install fails with err pnpm lockfile breaking change' }) normalized_query!: string;
  @ApiProperty({ example: 5 }) count!: number;
  @ApiProperty({ example: 3 }) searchers!: number;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) first_seen_at!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) last_seen_at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) answered_by!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) answered_at!: string | null;
}

export class WantedPageView implements SearchListWanted.ListWantedReply {
  @ApiProperty({ type: [WantedViewModel] }) wanted!: WantedViewModel[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor!: string | null;
}
