export * from './lib/reputation.module';
export * from './lib/usecases/rebuild-reputation/rebuild-reputation.usecase';
export * from './lib/usecases/rebuild-reputation/rebuild-command';
