import { Module } from '@nestjs/common';
import { ContentGuard } from '@commontrace/content-guard';
import { LexicalIndexReplica } from './lexical/lexical-index-replica';
import { SearchController } from './search.controller';
import { GetTraceUseCase } from './usecases/get-trace/get-trace.usecase';
import { ListTagsUseCase } from './usecases/list-tags/list-tags.usecase';
import { ListWantedUseCase } from './usecases/list-wanted/list-wanted.usecase';
import { MarkAnsweredUseCase } from './usecases/mark-answered/mark-answered.usecase';
import { QueryTracesUseCase } from './usecases/query-traces/query-traces.usecase';
import { WantedRecorder } from './usecases/record-wanted/wanted-recorder';

/** The read side: hybrid retrieval, single traces, the tags in use, and the wanted list (what searches left open). */
@Module({
  controllers: [SearchController],
  providers: [LexicalIndexReplica, QueryTracesUseCase, GetTraceUseCase, ListTagsUseCase, ContentGuard, WantedRecorder, ListWantedUseCase, MarkAnsweredUseCase],
})
export class SearchModule {}
