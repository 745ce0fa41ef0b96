import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ReputationGetReputation } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';

@ApiTags('contributors')
@ApiSecurity('api-key')
@Controller('contributors')
export class ContributorsController {
  constructor(private readonly bus: BusClient) {}

  @Get(':contributorId/reputation')
  @ApiOperation({
    summary: "A contributor's reputation: the CommonTrace v1 fields (overall and per-tag Wilson scores) plus points, privileges and traces contributed",
  })
  reputation(@Param('contributorId') id: string) {
    return this.bus.request(ReputationGetReputation.contract, { contributor_id: id });
  }
}
