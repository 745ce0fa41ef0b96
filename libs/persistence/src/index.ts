export * from './lib/entities';
export * from './lib/migrations';
export * from './lib/database';
export * from './lib/run-migrations';
export * from './lib/persistence.module';
export * from './lib/vector-literal';
export * from './lib/nearest-neighbours';
export * from './lib/hnsw-search-settings';
