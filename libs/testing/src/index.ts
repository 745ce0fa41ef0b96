export * from './lib/use-case-harness';
