import { Module } from '@nestjs/common';
import { EmbeddingController } from './embedding.controller';
import { EmbeddingProvider } from './providers/embedding-provider';
import { OfflineHashingProvider } from './providers/offline-hashing.provider';
import { EmbedTextsUseCase } from './usecases/embed-texts/embed-texts.usecase';
import { EmbedTraceUseCase } from './usecases/embed-trace/embed-trace.usecase';

/** Vectors for traces (durably, from events) and for queries (on demand). */
@Module({
  controllers: [EmbeddingController],
  providers: [{ provide: EmbeddingProvider, useClass: OfflineHashingProvider }, EmbedTextsUseCase, EmbedTraceUseCase],
})
export class EmbeddingModule {}
