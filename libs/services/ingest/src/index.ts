export * from './lib/ingest.module';
export * from './lib/search-index/lexical-postings';
export * from './lib/usecases/reindex-lexical/reindex-lexical.usecase';
export * from './lib/usecases/reindex-lexical/reindex-command';
