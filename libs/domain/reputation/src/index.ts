export * from './lib/signal-weight';
export * from './lib/wilson';
