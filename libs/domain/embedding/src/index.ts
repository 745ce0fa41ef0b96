export * from './lib/hashing-embedder';
export * from './lib/backoff';
