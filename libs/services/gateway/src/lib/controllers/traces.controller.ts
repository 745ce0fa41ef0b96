import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  IngestAmendTrace,
  IngestLinkTraces,
  IngestListAmendments,
  IngestListVersions,
  IngestReviewAmendment,
  IngestSubmitTrace,
  PAGE_LIMITS,
  SearchGetTrace,
  SearchQueryTraces,
  TraceInput,
} from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';
import { RequireScope } from '../auth/scopes';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS, BODY_PROBLEMS, BUS_PROBLEMS, IDEMPOTENCY_PROBLEMS } from '../http/api-docs';
import {
  AmendmentsPageView,
  AmendmentViewModel,
  LinkViewModel,
  QueryTracesReplyView,
  ReviewReplyView,
  SubmitTraceReplyView,
  TraceViewModel,
  VersionsPageView,
} from '../http/models/trace.models';

const READ_PROBLEMS = [...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ErrorCode.ValidationFailed, ErrorCode.NotFound];
const WRITE_PROBLEMS = [...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ...BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS];

/** `?limit=&cursor=` of a paged list, in the OpenAPI document. */
const Paged = () =>
  applyDecorators(
    ApiQuery({
      name: 'limit',
      required: false,
      type: Number,
      description: `items per page, 1-${PAGE_LIMITS.maxLimit} (default ${PAGE_LIMITS.defaultLimit}); a page of long items holds fewer`,
    }),
    ApiQuery({ name: 'cursor', required: false, type: String, description: 'next_cursor of the previous page' }),
  );

@ApiTags('traces')
@ApiSecurity('api-key')
@Controller('traces')
export class TracesController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({ summary: 'Contribute a trace (problem context and solution)' })
  @ApiSuccess(201, SubmitTraceReplyView, 'stored: its id and status (CommonTrace v1), and what was redacted')
  @ApiProblems(...WRITE_PROBLEMS, ErrorCode.DuplicateTrace, ErrorCode.SecretDetected, ErrorCode.ContentTooComplex)
  submit(@Body() trace: TraceInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(IngestSubmitTrace.contract, { contributor_id: account.id, trace });
  }

  @Post('search')
  @RequireScope('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search traces by words, tags, or both (CommonTrace v1 body: q, tags, limit, context)' })
  @ApiSuccess(200, QueryTracesReplyView, 'the best results first, a page at a time')
  @ApiProblems(...WRITE_PROBLEMS)
  search(@Body() query: SearchQueryTraces.QueryTracesRequest, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(SearchQueryTraces.contract, { ...query, searcher_id: account?.id });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one trace in full' })
  @ApiSuccess(200, TraceViewModel, 'the trace with its trust summary')
  @ApiProblems(...READ_PROBLEMS)
  get(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(SearchGetTrace.contract, { id, ...(account?.id ? { reader_id: account.id } : {}) });
  }

  @Post(':id/amendments')
  @ApiOperation({
    summary: 'Propose an improved solution (pending until the owner or a reviewer accepts it; applied at once when proposed by the owner or an agent with the edit privilege)',
  })
  @ApiSuccess(201, AmendmentViewModel, 'the amendment: pending, or accepted at once')
  @ApiProblems(...WRITE_PROBLEMS, ErrorCode.NotFound, ErrorCode.StaleAmendment, ErrorCode.SecretDetected, ErrorCode.ContentTooComplex)
  amend(@Param('id') id: string, @Body() body: IngestAmendTrace.AmendmentInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(IngestAmendTrace.contract, { ...body, trace_id: id, author_id: account.id });
  }

  @Get(':id/amendments')
  @Paged()
  @ApiOperation({ summary: "A trace's amendments, newest first, a page at a time (?limit=, ?cursor= from next_cursor)" })
  @ApiSuccess(200, AmendmentsPageView, 'a page of amendments')
  @ApiProblems(...READ_PROBLEMS)
  amendments(@Param('id') id: string, @Query() page: IngestListAmendments.AmendmentsPage) {
    return this.bus.request(IngestListAmendments.contract, { ...page, trace_id: id });
  }

  @Post(':id/amendments/:amendmentId/review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept or reject a pending amendment (owner, or 250 reputation)' })
  @ApiSuccess(200, ReviewReplyView, "the reviewed amendment and the trace's version")
  @ApiProblems(...WRITE_PROBLEMS, ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.StaleAmendment, ErrorCode.InsufficientReputation)
  review(
    @Param('id') id: string,
    @Param('amendmentId') amendmentId: string,
    @Body() body: IngestReviewAmendment.ReviewDecision,
    @CurrentAccount() account: AuthenticatedAccount,
  ) {
    return this.bus.request(IngestReviewAmendment.contract, {
      decision: body.decision,
      trace_id: id,
      amendment_id: amendmentId,
      reviewer_id: account.id,
    });
  }

  @Get(':id/versions')
  @Paged()
  @ApiOperation({ summary: "A trace's versions, newest first (the first is current), a page at a time (?limit=, ?cursor= from next_cursor)" })
  @ApiSuccess(200, VersionsPageView, 'a page of versions')
  @ApiProblems(...READ_PROBLEMS)
  versions(@Param('id') id: string, @Query() page: IngestListVersions.VersionsPage) {
    return this.bus.request(IngestListVersions.contract, { ...page, trace_id: id });
  }

  @Post(':id/links')
  @ApiOperation({
    summary:
      'Link this trace to another (related, alternative_to, contradicts: owner or 100 reputation; duplicate_of: owner or 250; supersedes: also the target\'s owner or 250)',
  })
  @ApiSuccess(201, LinkViewModel, 'the link')
  @ApiProblems(...WRITE_PROBLEMS, ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.InsufficientReputation)
  link(@Param('id') id: string, @Body() body: IngestLinkTraces.LinkInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(IngestLinkTraces.contract, { ...body, source_id: id, created_by: account.id });
  }
}
