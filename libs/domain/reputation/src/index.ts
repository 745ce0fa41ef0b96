export * from './lib/signal-weight';
export * from './lib/wilson';
export * from './lib/next-privilege';
