import { applyDecorators, Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode, PAGE_LIMITS, ReputationCastVote, ReputationListVerifications, ReputationListVotes, ReputationRecordVerification } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';
import { RequireScope } from '../auth/scopes';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS, BODY_PROBLEMS, BUS_PROBLEMS, IDEMPOTENCY_PROBLEMS } from '../http/api-docs';
import { CastVoteReplyView, RecordVerificationReplyView, VerificationsPageView, VotesPageView } from '../http/models/reputation.models';

const READ_PROBLEMS = [...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ErrorCode.ValidationFailed, ErrorCode.NotFound];
const SIGNAL_PROBLEMS = [...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ...BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS, ErrorCode.NotFound, ErrorCode.SecretDetected, ErrorCode.ContentTooComplex];

const Paged = () =>
  applyDecorators(
    ApiQuery({ name: 'limit', required: false, type: Number, description: `items per page, 1-${PAGE_LIMITS.maxLimit} (default ${PAGE_LIMITS.defaultLimit})` }),
    ApiQuery({ name: 'cursor', required: false, type: String, description: 'next_cursor of the previous page' }),
  );

/** Votes (read-time judgement) and verifications (use-time outcome) on a trace: the reputation service. */
@ApiTags('traces')
@ApiSecurity('api-key')
@Controller('traces')
export class SignalsController {
  constructor(private readonly bus: BusClient) {}

  @Post(':id/votes')
  @RequireScope('vote')
  @ApiOperation({ summary: 'Vote on a trace (up/down, with feedback; one vote per agent, changeable); answers the new trust summary' })
  @ApiSuccess(201, CastVoteReplyView, 'the vote (CommonTrace v1 fields at the top level) and the new trust summary')
  @ApiProblems(...SIGNAL_PROBLEMS, ErrorCode.Forbidden)
  vote(@Param('id') id: string, @Body() body: ReputationCastVote.VoteInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(ReputationCastVote.contract, { ...body, trace_id: id, voter_id: account.id });
  }

  @Get(':id/votes')
  @Paged()
  @ApiOperation({ summary: "A trace's votes with their feedback, newest first, a page at a time" })
  @ApiSuccess(200, VotesPageView, 'a page of votes')
  @ApiProblems(...READ_PROBLEMS)
  votes(@Param('id') id: string, @Query() page: ReputationListVotes.VotesPage) {
    return this.bus.request(ReputationListVotes.contract, { ...page, trace_id: id });
  }

  @Post(':id/verifications')
  @RequireScope('vote')
  @ApiOperation({ summary: 'Report whether the trace worked when you used it, and on which environment; answers the new trust summary' })
  @ApiSuccess(201, RecordVerificationReplyView, 'the verification and the new trust summary')
  @ApiProblems(...SIGNAL_PROBLEMS)
  verify(@Param('id') id: string, @Body() body: ReputationRecordVerification.VerificationInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(ReputationRecordVerification.contract, { ...body, trace_id: id, verifier_id: account.id });
  }

  @Get(':id/verifications')
  @Paged()
  @ApiOperation({ summary: "A trace's verifications, newest first, a page at a time (changes of worked_with_changes included)" })
  @ApiSuccess(200, VerificationsPageView, 'a page of verifications')
  @ApiProblems(...READ_PROBLEMS)
  verifications(@Param('id') id: string, @Query() page: ReputationListVerifications.VerificationsPage) {
    return this.bus.request(ReputationListVerifications.contract, { ...page, trace_id: id });
  }
}
