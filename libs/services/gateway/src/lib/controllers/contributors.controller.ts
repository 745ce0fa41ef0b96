import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode, ReputationGetReputation } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS, BUS_PROBLEMS } from '../http/api-docs';
import { ReputationReplyView } from '../http/models/reputation.models';

@ApiTags('contributors')
@ApiSecurity('api-key')
@Controller('contributors')
export class ContributorsController {
  constructor(private readonly bus: BusClient) {}

  @Get(':contributorId/reputation')
  @ApiOperation({
    summary: "A contributor's reputation: the CommonTrace v1 fields (overall and per-tag Wilson scores) plus points, privileges and traces contributed",
  })
  @ApiSuccess(200, ReputationReplyView, 'the reputation: CommonTrace v1 fields first')
  @ApiProblems(...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ErrorCode.ValidationFailed, ErrorCode.NotFound)
  reputation(@Param('contributorId') id: string) {
    return this.bus.request(ReputationGetReputation.contract, { contributor_id: id });
  }
}
