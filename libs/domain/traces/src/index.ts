export * from './lib/content-hash';
export * from './lib/snippet';
export * from './lib/code-tokens';
export * from './lib/error-signature';
export * from './lib/near-duplicate';
export * from './lib/duplicate-evaluation';
export * from './lib/detect-language';
