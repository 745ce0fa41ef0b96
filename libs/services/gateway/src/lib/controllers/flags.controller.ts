import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ReputationFlagTrace } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';

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
  flag(@Param('id') id: string, @Body() body: ReputationFlagTrace.FlagInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(ReputationFlagTrace.contract, { ...body, trace_id: id, flagger_id: account.id });
  }
}
