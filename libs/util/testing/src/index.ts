export * from './lib/wait-for';
export * from './lib/test-environment';
export * from './lib/fake-embeddings-server';
export * from './lib/nats-server-process';
