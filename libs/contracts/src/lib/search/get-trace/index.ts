export * from './get-trace';
