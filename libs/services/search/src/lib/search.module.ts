import { Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { GetTraceUseCase } from './usecases/get-trace/get-trace.usecase';
import { QueryTracesUseCase } from './usecases/query-traces/query-traces.usecase';

/** The read side: hybrid retrieval and single traces. */
@Module({ controllers: [SearchController], providers: [QueryTracesUseCase, GetTraceUseCase] })
export class SearchModule {}
