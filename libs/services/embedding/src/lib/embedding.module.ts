import { Module } from '@nestjs/common';
import { EmbeddingController } from './embedding.controller';
import { EmbeddingModels } from './models/embedding-models';
import { EmbeddingSweeper } from './models/embedding-sweeper';
import { BackfillEmbeddingsUseCase } from './usecases/backfill-embeddings/backfill-embeddings.usecase';
import { EmbedTextsUseCase } from './usecases/embed-texts/embed-texts.usecase';
import { EmbedTraceUseCase } from './usecases/embed-trace/embed-trace.usecase';

/** Vectors for traces (durably, from events and sweeps) and for queries (on demand), per model. */
@Module({
  controllers: [EmbeddingController],
  providers: [EmbeddingModels, EmbeddingSweeper, EmbedTextsUseCase, EmbedTraceUseCase, BackfillEmbeddingsUseCase],
  exports: [BackfillEmbeddingsUseCase, EmbeddingModels],
})
export class EmbeddingModule {}
