export * from './flag-trace';
