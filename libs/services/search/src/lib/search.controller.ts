import { MessagePattern, Payload } from '@nestjs/microservices';
import { SearchGetTrace, SearchListTags, SearchListWanted, SearchQueryTraces } from '@commontrace/contracts';
import { BusController } from '@commontrace/messaging';
import { GetTraceUseCase } from './usecases/get-trace/get-trace.usecase';
import { ListTagsUseCase } from './usecases/list-tags/list-tags.usecase';
import { ListWantedUseCase } from './usecases/list-wanted/list-wanted.usecase';
import { QueryTracesUseCase } from './usecases/query-traces/query-traces.usecase';

@BusController()
export class SearchController {
  constructor(
    private readonly queryTraces: QueryTracesUseCase,
    private readonly getTrace: GetTraceUseCase,
    private readonly listTags: ListTagsUseCase,
    private readonly listWanted: ListWantedUseCase,
  ) {}

  @MessagePattern(SearchQueryTraces.contract.subject)
  query(@Payload() request: SearchQueryTraces.QueryTracesRequest) {
    return this.queryTraces.execute(request);
  }

  @MessagePattern(SearchGetTrace.contract.subject)
  get(@Payload() request: SearchGetTrace.GetTraceRequest) {
    return this.getTrace.execute(request);
  }

  @MessagePattern(SearchListTags.contract.subject)
  tags(@Payload() request: SearchListTags.ListTagsRequest) {
    return this.listTags.execute(request);
  }

  @MessagePattern(SearchListWanted.contract.subject)
  wanted(@Payload() request: SearchListWanted.ListWantedRequest) {
    return this.listWanted.execute(request);
  }
}
