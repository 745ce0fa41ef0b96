export * from './lib/wait-for';
export * from './lib/test-environment';
