export * from './list-versions';
