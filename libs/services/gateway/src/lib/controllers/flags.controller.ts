import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode, ReputationFlagTrace } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS, BODY_PROBLEMS, BUS_PROBLEMS, IDEMPOTENCY_PROBLEMS } from '../http/api-docs';
import { FlagReplyView } from '../http/models/reputation.models';

@ApiTags('traces')
@ApiSecurity('api-key')
@Controller('traces')
export class FlagsController {
  constructor(private readonly bus: BusClient) {}

  @Post(':id/flag')
  @ApiOperation({
    summary:
      'Flag a trace (spam, harmful, incorrect, duplicate with duplicate_of, outdated; 15 reputation). One flag per agent and trace; weighted flags over a threshold hide it',
  })
  @ApiSuccess(201, FlagReplyView, 'the flag, and what it did to the trace')
  @ApiProblems(
    ...[...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ...BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS],
    ...[ErrorCode.NotFound, ErrorCode.Forbidden, ErrorCode.InsufficientReputation, ErrorCode.SecretDetected, ErrorCode.ContentTooComplex],
  )
  flag(@Param('id') id: string, @Body() body: ReputationFlagTrace.FlagInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(ReputationFlagTrace.contract, { ...body, trace_id: id, flagger_id: account.id });
  }
}
