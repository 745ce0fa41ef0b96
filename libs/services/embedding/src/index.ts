export * from './lib/embedding.module';
export * from './lib/providers/embedding-provider';
export * from './lib/providers/create-provider';
export * from './lib/providers/openai.provider';
export * from './lib/providers/local-onnx.provider';
export * from './lib/providers/offline-hashing.provider';
export * from './lib/usecases/embed-trace/embed-trace.usecase';
export * from './lib/usecases/backfill-embeddings/backfill-embeddings.usecase';
