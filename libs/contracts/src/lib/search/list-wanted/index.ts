export * from './list-wanted';
