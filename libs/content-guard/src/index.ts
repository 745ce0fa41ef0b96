export * from './lib/content-guard';
export * from './lib/scan-pool';
