export * from './lib/content-hash';
export * from './lib/snippet';
