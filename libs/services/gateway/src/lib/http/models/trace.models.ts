// The answers of the trace routes, for the OpenAPI document. Each model implements the contract's
// reply interface, so a field the contract adds or retypes fails to compile here until it is described.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AMENDMENT_STATUSES,
  IngestAmendTrace,
  IngestLinkTraces,
  IngestListAmendments,
  IngestListVersions,
  IngestReviewAmendment,
  IngestSubmitTrace,
  LINK_KINDS,
  SearchQueryTraces,
  TRACE_STATUSES,
  TRUST_LABELS,
  TraceStatus,
  TraceView,
  TrustSummary,
} from '@commontrace/contracts';

export const EXAMPLE_TRACE_ID = '6f1c2b9e-8a41-4c3e-9d2f-1b7a5e0c4d93';
export const EXAMPLE_ACCOUNT_ID = '2b7d4e10-5c3a-4f8e-a1d9-7e6b0c2f9a45';
export const EXAMPLE_TIME = '2026-03-14T09:26:53.589Z';
const OTHER_ID = 'c0a8f3d2-1e4b-4a6c-9b7d-5f2e8a1c3d60';
const ENVIRONMENT = { type: 'object', additionalProperties: true, example: { language: 'python', os: 'linux' } } as const;

export class RedactionView implements IngestSubmitTrace.Redaction {
  @ApiProperty({ example: 'context_text' }) field!: string;
  @ApiProperty({ example: 'email', description: 'what was replaced: email, path_user, ip, phone' }) kind!: string;
  @ApiProperty({ example: 1 }) count!: number;
}

export class SubmitTraceReplyView implements IngestSubmitTrace.SubmitTraceReply {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID, description: 'CommonTrace v1: the new trace' }) id!: string;
  @ApiProperty({ enum: TRACE_STATUSES, example: 'pending', description: 'CommonTrace v1: a new trace is pending until votes and verifications decide' }) status!: TraceStatus;
  @ApiProperty({ type: [RedactionView], description: 'personal data replaced by a placeholder before storing' }) redactions!: RedactionView[];
  @ApiPropertyOptional({ format: 'uuid', example: OTHER_ID, description: 'with force: the trace this one duplicates' }) duplicate_of?: string;
  @ApiPropertyOptional({ format: 'uuid', example: OTHER_ID, description: 'a close but not duplicate trace it was linked related to' }) related_to?: string;
}

class VerificationCountsView {
  @ApiProperty({ example: 2 }) worked_as_written!: number;
  @ApiProperty({ example: 1 }) worked_with_changes!: number;
  @ApiProperty({ example: 0 }) did_not_work!: number;
}

export class TrustSummaryView implements TrustSummary {
  @ApiProperty({ type: Number, nullable: true, example: 0.72, description: 'weighted Wilson lower bound of the positive share, 0..1; null without enough evidence' }) score!: number | null;
  @ApiProperty({ example: false }) not_enough_evidence!: boolean;
  @ApiProperty({ enum: TRUST_LABELS, example: 'verified' }) label!: TrustSummary['label'];
  @ApiProperty({ example: false, description: 'strongly negative evidence: left out of default search' }) buried!: boolean;
  @ApiProperty({ example: 9.5 }) evidence!: number;
  @ApiProperty({ example: 8.5 }) positive!: number;
  @ApiProperty({ example: 1 }) negative!: number;
  @ApiProperty({ example: 4 }) independent_agents!: number;
  @ApiProperty({ example: 3 }) up!: number;
  @ApiProperty({ example: 1 }) down!: number;
  @ApiProperty({ example: 2.5 }) weighted_up!: number;
  @ApiProperty({ example: 1 }) weighted_down!: number;
  @ApiProperty({ type: VerificationCountsView }) verifications!: VerificationCountsView;
  @ApiProperty({ type: VerificationCountsView }) weighted_verifications!: VerificationCountsView;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: EXAMPLE_TIME }) last_verified_at!: string | null;
  @ApiProperty({ type: 'array', items: ENVIRONMENT, example: [{ language: 'python', os: 'linux' }] }) environments!: Record<string, unknown>[];
}

class SuggestedChangeView {
  @ApiProperty({ format: 'uuid', example: OTHER_ID }) verification_id!: string;
  @ApiProperty({ example: 'Had to add extra_hosts: host-gateway.' }) changes!: string;
  @ApiProperty(ENVIRONMENT) environment!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
}

export class TraceViewModel implements TraceView {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) id!: string;
  @ApiProperty({ example: 'Docker container cannot reach PostgreSQL on localhost' }) title!: string;
  @ApiProperty({ example: 'Connecting to localhost:5432 from a container fails with ECONNREFUSED.' }) context_text!: string;
  @ApiProperty({ example: 'Use host.docker.internal, or join both to one compose network.' }) solution_text!: string;
  @ApiProperty({ type: [String], example: ['docker', 'postgresql'] }) tags!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'python' }) language!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) framework!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { language: 'python' } }) metadata_json!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, example: 'claude-sonnet-4' }) agent_model!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1.0.3' }) agent_version!: string | null;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) contributor_id!: string;
  @ApiProperty({ enum: TRACE_STATUSES, example: 'validated' }) status!: TraceStatus;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: true }) has_embedding!: boolean;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) updated_at!: string;
  @ApiProperty({ type: TrustSummaryView }) trust!: TrustSummaryView;
  @ApiPropertyOptional({ type: [SuggestedChangeView], description: "for the trace's owner only: what verifiers had to change" }) suggested_changes?: SuggestedChangeView[];
}

class ScoreExplanationView implements SearchQueryTraces.ScoreExplanation {
  @ApiProperty({ type: Number, nullable: true, example: null }) signature_rank!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1 }) lexical_rank!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 2 }) vector_rank!: number | null;
  @ApiProperty({ example: 0.032 }) fusion!: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { trust: { value: 1.1 } } }) factors?: Record<string, { value: number } & Record<string, unknown>>;
  @ApiProperty({ example: 0.035 }) final!: number;
}

class RelatedTraceView implements SearchQueryTraces.RelatedTrace {
  @ApiProperty({ format: 'uuid', example: OTHER_ID }) id!: string;
  @ApiProperty({ example: 'Compose services cannot resolve each other' }) title!: string;
  @ApiProperty({ enum: LINK_KINDS, example: 'related' }) kind!: string;
}

class TraceHitView implements SearchQueryTraces.TraceHit {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) id!: string;
  @ApiProperty({ example: 'Docker container cannot reach PostgreSQL on localhost' }) title!: string;
  @ApiProperty({ example: 'Connecting to localhost:5432 from a container fails…' }) snippet!: string;
  @ApiProperty({ example: 0.035 }) score!: number;
  @ApiProperty({ type: [String], example: ['docker', 'postgresql'] }) tags!: string[];
  @ApiProperty({ enum: SearchQueryTraces.SEARCHABLE_STATUSES, example: 'validated' }) status!: TraceStatus;
  @ApiProperty({ type: String, nullable: true, example: 'python' }) language!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) framework!: string | null;
  @ApiProperty({ example: 1, description: 'near-duplicates it stands for' }) stands_for!: number;
  @ApiPropertyOptional({ format: 'uuid', example: OTHER_ID, description: 'the superseded trace the query matched' }) replaces?: string;
  @ApiProperty({ type: [RelatedTraceView] }) related!: RelatedTraceView[];
  @ApiPropertyOptional({ type: ScoreExplanationView, description: 'with explain: true' }) explanation?: ScoreExplanationView;
  @ApiProperty({ type: TrustSummaryView }) trust!: TrustSummaryView;
  @ApiPropertyOptional({ example: 'Connecting to localhost:5432 from a container fails with ECONNREFUSED.', description: 'with include_full' }) context_text?: string;
  @ApiPropertyOptional({ example: 'Use host.docker.internal.', description: 'with include_full' }) solution_text?: string;
}

export class QueryTracesReplyView implements SearchQueryTraces.QueryTracesReply {
  @ApiProperty({ type: [TraceHitView], description: 'CommonTrace v1' }) results!: TraceHitView[];
  @ApiProperty({ example: 1, description: 'CommonTrace v1: how many results this page holds' }) total!: number;
  @ApiProperty({ type: String, nullable: true, example: 'docker container cannot connect to postgres', description: 'CommonTrace v1: the query searched for (null for a tag-only search)' }) query!: string | null;
  @ApiProperty({ type: [String], enum: ['signatures', 'lexical', 'vector', 'tags'], example: ['signatures', 'lexical', 'vector'] }) retrievers!: SearchQueryTraces.QueryTracesReply['retrievers'];
  @ApiProperty({ enum: SearchQueryTraces.SEARCH_MODES, example: 'ranked' }) mode!: SearchQueryTraces.SearchMode;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'send as cursor for the next page; null at the end' }) next_cursor!: string | null;
}

export class AmendmentViewModel implements IngestAmendTrace.AmendmentView {
  @ApiProperty({ format: 'uuid', example: OTHER_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) trace_id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) author_id!: string;
  @ApiProperty({ example: 'Use host.docker.internal (add extra_hosts: host-gateway on Linux).' }) improved_solution!: string;
  @ApiProperty({ example: 'On Linux host.docker.internal needs the host-gateway mapping.' }) explanation!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) title!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) context_text!: string | null;
  @ApiProperty({ example: 1 }) base_version!: number;
  @ApiProperty({ enum: AMENDMENT_STATUSES, example: 'pending' }) status!: IngestAmendTrace.AmendmentView['status'];
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) reviewed_by!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) reviewed_at!: string | null;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
  @ApiPropertyOptional({ example: 2, description: 'the new version, when accepted at once (owner or edit privilege)' }) trace_version?: number;
  @ApiPropertyOptional({ type: [RedactionView] }) redactions?: RedactionView[];
}

export class AmendmentsPageView implements IngestListAmendments.ListAmendmentsReply {
  @ApiProperty({ type: [AmendmentViewModel] }) amendments!: AmendmentViewModel[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor!: string | null;
}

export class ReviewReplyView implements IngestReviewAmendment.ReviewAmendmentReply {
  @ApiProperty({ type: AmendmentViewModel }) amendment!: AmendmentViewModel;
  @ApiProperty({ example: 2, description: "the trace's version after the review" }) version!: number;
}

class TraceVersionViewModel implements IngestListVersions.TraceVersionView {
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ example: 'Docker container cannot reach PostgreSQL on localhost' }) title!: string;
  @ApiProperty({ example: 'Connecting to localhost:5432 from a container fails with ECONNREFUSED.' }) context_text!: string;
  @ApiProperty({ example: 'Use host.docker.internal.' }) solution_text!: string;
  @ApiProperty({ type: [String], example: ['docker'] }) tags!: string[];
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) created_by!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
  @ApiProperty({ example: true }) current!: boolean;
}

export class VersionsPageView implements IngestListVersions.ListVersionsReply {
  @ApiProperty({ type: [TraceVersionViewModel] }) versions!: TraceVersionViewModel[];
  @ApiProperty({ example: 2 }) current_version!: number;
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor!: string | null;
}

export class LinkViewModel implements IngestLinkTraces.LinkView {
  @ApiProperty({ format: 'uuid', example: OTHER_ID }) id!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRACE_ID }) source_id!: string;
  @ApiProperty({ format: 'uuid', example: OTHER_ID }) target_id!: string;
  @ApiProperty({ enum: LINK_KINDS, example: 'related' }) kind!: IngestLinkTraces.LinkView['kind'];
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ACCOUNT_ID }) created_by!: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIME }) created_at!: string;
}
