export * from './lib/signal-weight';
export * from './lib/wilson';
export * from './lib/next-privilege';
export * from './lib/origin-groups';
export * from './lib/flag-tally';
