export * from './lib/wanted';
