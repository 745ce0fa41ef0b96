export * from './reputation-changed';
