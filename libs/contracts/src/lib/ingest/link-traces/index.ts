export * from './link-traces';
