export * from './trace-standing-changed';
