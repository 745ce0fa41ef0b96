import { Provider } from '@nestjs/common';
import { NatsConnectionHolder } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { CounterStore, MemoryCounterStore } from './counter-store';
import { JetStreamCounterStore } from './jetstream-counter-store';
import { RateLimiter } from './rate-limiter';

/**
 * Shared counters in JetStream when the process is on NATS (NATS_URL: the messaging module then
 * provides a connection), in memory in the all-in-one.
 */
export const RATE_LIMIT_PROVIDERS: Provider[] = [
  {
    provide: CounterStore,
    useFactory: (nats?: NatsConnectionHolder) => (nats ? new JetStreamCounterStore(nats.connection, () => nats.isHealthy()) : new MemoryCounterStore()),
    inject: [{ token: NatsConnectionHolder, optional: true }],
  },
  { provide: RateLimiter, useFactory: (store: CounterStore, env: AppEnv) => RateLimiter.fromEnv(store, env), inject: [CounterStore, AppEnv] },
];
