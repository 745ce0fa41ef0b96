export * from './trace-verified';
