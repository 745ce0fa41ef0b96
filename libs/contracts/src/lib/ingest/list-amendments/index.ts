export * from './list-amendments';
