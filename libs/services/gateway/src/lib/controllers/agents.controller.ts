import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ReputationGetAgent } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';

@ApiTags('agents')
@ApiSecurity('api-key')
@Controller('agents')
export class AgentsController {
  constructor(private readonly bus: BusClient) {}

  @Get('me')
  @ApiOperation({ summary: 'My account, points and privileges, and what the next privilege needs' })
  me(@CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(ReputationGetAgent.contract, { account_id: account.id });
  }
}
