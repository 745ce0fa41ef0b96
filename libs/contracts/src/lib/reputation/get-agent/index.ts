export * from './get-agent';
