export * from './record-verification';
