export * from './trace-created';
