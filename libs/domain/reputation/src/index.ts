export * from './lib/signal-weight';
export * from './lib/wilson';
export * from './lib/independence';
export * from './lib/environment';
export * from './lib/weights';
export * from './lib/trust-summary';
export * from './lib/standing';
