export * from './lib/embedding.module';
export * from './lib/providers/embedding-provider';
export * from './lib/usecases/embed-trace/embed-trace.usecase';
