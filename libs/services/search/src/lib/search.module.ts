import { Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { GetTraceUseCase } from './usecases/get-trace/get-trace.usecase';
import { ListTagsUseCase } from './usecases/list-tags/list-tags.usecase';
import { QueryTracesUseCase } from './usecases/query-traces/query-traces.usecase';

/** The read side: hybrid retrieval, single traces, and the tags in use. */
@Module({ controllers: [SearchController], providers: [QueryTracesUseCase, GetTraceUseCase, ListTagsUseCase] })
export class SearchModule {}
