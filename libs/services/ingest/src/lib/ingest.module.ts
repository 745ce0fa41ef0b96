import { Module } from '@nestjs/common';
import { IngestController } from './ingest.controller';
import { DuplicateFinder } from './duplicates/duplicate-finder';
import { SubmitTraceUseCase } from './usecases/submit-trace/submit-trace.usecase';

/** Decides what enters the shared memory: validation, dedup, storage with its events. */
@Module({ controllers: [IngestController], providers: [SubmitTraceUseCase, DuplicateFinder] })
export class IngestModule {}
