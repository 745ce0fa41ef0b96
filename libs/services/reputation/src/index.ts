export * from './lib/reputation.module';
