export * from './trace-embedded';
