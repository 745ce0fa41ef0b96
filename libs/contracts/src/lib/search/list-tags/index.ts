export * from './list-tags';
