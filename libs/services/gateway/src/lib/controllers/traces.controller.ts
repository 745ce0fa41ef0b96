import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IngestSubmitTrace, SearchGetTrace, SearchQueryTraces, TraceInput } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';

@ApiTags('traces')
@ApiSecurity('api-key')
@Controller('traces')
export class TracesController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({ summary: 'Contribute a trace (problem context and solution)' })
  submit(@Body() trace: TraceInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(IngestSubmitTrace.contract, { contributor_id: account.id, trace });
  }

  @Post('search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search traces by words, tags, or both' })
  search(@Body() query: SearchQueryTraces.QueryTracesRequest) {
    return this.bus.request(SearchQueryTraces.contract, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one trace in full' })
  get(@Param('id') id: string) {
    return this.bus.request(SearchGetTrace.contract, { id });
  }
}
