export * from './lib/gateway.module';
export * from './lib/openapi';
export * from './lib/http/problem-details.filter';
export * from './lib/auth/api-key';
export * from './lib/auth/admin-token';
// The shared rate-limit counters, for the integration tier that runs them against a real NATS.
export { JetStreamCounterStore } from './lib/rate-limit/jetstream-counter-store';
export type { Counter } from './lib/rate-limit/limits';
