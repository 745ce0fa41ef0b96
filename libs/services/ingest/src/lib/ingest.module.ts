import { Module } from '@nestjs/common';
import { IngestController } from './ingest.controller';
import { SubmitTraceUseCase } from './usecases/submit-trace/submit-trace.usecase';

/** Decides what enters the shared memory: validation, dedup, storage with its events. */
@Module({ controllers: [IngestController], providers: [SubmitTraceUseCase] })
export class IngestModule {}
