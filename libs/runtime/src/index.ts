export * from './lib/bootstrap';
export * from './lib/root.module';
export * from './lib/health.controller';
export * from './lib/run-main';
export * from './lib/graceful-shutdown';
