export * from './amend-trace';
