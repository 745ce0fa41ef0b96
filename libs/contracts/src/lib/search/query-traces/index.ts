export * from './query-traces';
