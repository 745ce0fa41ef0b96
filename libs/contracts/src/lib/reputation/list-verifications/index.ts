export * from './list-verifications';
