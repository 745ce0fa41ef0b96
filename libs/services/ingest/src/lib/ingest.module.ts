import { Module } from '@nestjs/common';
import { DuplicateFinder } from './duplicates/duplicate-finder';
import { ContentGuard } from '@commontrace/content-guard';
import { IngestController } from './ingest.controller';
import { Privileges } from './privileges/privileges';
import { ApplyStandingUseCase } from './usecases/apply-standing/apply-standing.usecase';
import { AmendTraceUseCase } from './usecases/amend-trace/amend-trace.usecase';
import { LinkTracesUseCase } from './usecases/link-traces/link-traces.usecase';
import { ListAmendmentsUseCase } from './usecases/list-amendments/list-amendments.usecase';
import { ListVersionsUseCase } from './usecases/list-versions/list-versions.usecase';
import { ReviewAmendmentUseCase } from './usecases/review-amendment/review-amendment.usecase';
import { SubmitTraceUseCase } from './usecases/submit-trace/submit-trace.usecase';
import { ReindexSearchUseCase } from './usecases/reindex-search/reindex-search.usecase';
import { LexicalStatisticsFolder } from './search-index/lexical-statistics-folder';

/** Decides what enters the shared memory: validation, scanning, dedup, amendments, links, with their events. */
@Module({
  controllers: [IngestController],
  providers: [
    ContentGuard,
    DuplicateFinder,
    Privileges,
    SubmitTraceUseCase,
    AmendTraceUseCase,
    ReviewAmendmentUseCase,
    ListAmendmentsUseCase,
    ListVersionsUseCase,
    LinkTracesUseCase,
    ApplyStandingUseCase,
    ReindexSearchUseCase,
    LexicalStatisticsFolder,
  ],
})
export class IngestModule {}
