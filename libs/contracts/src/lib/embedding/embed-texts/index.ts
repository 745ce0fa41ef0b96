export * from './embed-texts';
