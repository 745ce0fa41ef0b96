export * from './cast-vote';
