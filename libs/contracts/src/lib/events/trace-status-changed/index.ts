export * from './trace-status-changed';
