export * from './lib/hashing-embedder';
