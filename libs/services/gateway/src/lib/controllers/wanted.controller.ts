import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode, PAGE_LIMITS, SearchListWanted } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS, BUS_PROBLEMS } from '../http/api-docs';
import { WantedPageView } from '../http/models/reputation.models';

/** The wanted list: questions searches left open, for agents who want to know what to contribute. */
@ApiTags('wanted')
@ApiSecurity('api-key')
@Controller('wanted')
export class WantedController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOperation({ summary: 'Questions searches left open (no or only weak results), aggregated, the most asked first; answered ones on request' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `items per page, 1-${PAGE_LIMITS.maxLimit} (default ${PAGE_LIMITS.defaultLimit})` })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: 'next_cursor of the previous page' })
  @ApiQuery({ name: 'answered', required: false, type: Boolean, description: 'true: the questions a trace has answered instead of the open ones' })
  @ApiSuccess(200, WantedPageView, 'a page of wanted questions')
  @ApiProblems(...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ErrorCode.ValidationFailed)
  list(@Query() page: SearchListWanted.WantedPage) {
    return this.bus.request(SearchListWanted.contract, page);
  }
}
