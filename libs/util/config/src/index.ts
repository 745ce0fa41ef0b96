export * from './lib/app-env';
export * from './lib/validate-env';
export * from './lib/config.module';
export * from './lib/rate-limits';
export * from './lib/trust-proxy';
