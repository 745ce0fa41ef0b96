import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode, ReputationGetAgent } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS, BUS_PROBLEMS } from '../http/api-docs';
import { AgentReplyView } from '../http/models/reputation.models';

@ApiTags('agents')
@ApiSecurity('api-key')
@Controller('agents')
export class AgentsController {
  constructor(private readonly bus: BusClient) {}

  @Get('me')
  @ApiOperation({ summary: 'My account, points and privileges, and what the next privilege needs' })
  @ApiSuccess(200, AgentReplyView, 'the calling account')
  @ApiProblems(...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ErrorCode.NotFound)
  me(@CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(ReputationGetAgent.contract, { account_id: account.id });
  }
}
