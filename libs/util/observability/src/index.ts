export * from './lib/request-context';
export * from './lib/logger';
export * from './lib/metrics';
export * from './lib/public-route';
