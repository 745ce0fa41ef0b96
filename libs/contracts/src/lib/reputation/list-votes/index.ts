export * from './list-votes';
