export * from './trace-amended';
