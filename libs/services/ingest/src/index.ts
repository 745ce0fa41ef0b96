export * from './lib/ingest.module';
export * from './lib/search-index/lexical-postings';
export * from './lib/usecases/reindex-search/reindex-search.usecase';
export * from './lib/usecases/reindex-search/reindex-command';
