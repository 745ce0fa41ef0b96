export * from './vote-cast';
