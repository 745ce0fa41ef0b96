import { KV, NatsConnection } from 'nats';
import { LimitWindow } from '@commontrace/util-config';
import { Counter, WINDOW_MS } from './limits';
import { CounterStore } from './counter-store';

/** One bucket per window, each keeping an entry a little longer than its window after the last write. */
const BUCKETS: Record<LimitWindow, { name: string; ttl: number }> = {
  minute: { name: 'ct_rate_minute', ttl: 2 * WINDOW_MS.minute },
  day: { name: 'ct_rate_day', ttl: WINDOW_MS.day + WINDOW_MS.minute * 60 },
};
/** Compare-and-set attempts per counter before the request is treated as a store failure. */
const MAX_ATTEMPTS = 20;
const JETSTREAM_TIMEOUT_MS = 2000;

/**
 * Counters shared by every gateway replica, in JetStream key-value buckets. Each counter is
 * advanced with compare-and-set (`create` for a new key, `update` at the revision read), so two
 * replicas that count at once both land: the loser of a race reads again and retries.
 */
export class JetStreamCounterStore extends CounterStore {
  private buckets?: Promise<Record<LimitWindow, KV>>;

  /** `isHealthy`: false between a disconnect and its reconnect, so requests do not wait for JetStream timeouts then. */
  constructor(
    private readonly connection: NatsConnection,
    private readonly isHealthy: () => boolean = () => !connection.isClosed(),
  ) {
    super();
  }

  async consume(counters: Counter[]): Promise<{ allowed: boolean; counts: number[] }> {
    const current = await this.peek(counters);
    if (counters.some((c, i) => current[i] >= c.limit)) return { allowed: false, counts: current };
    const buckets = await this.open();
    const counts: number[] = [];
    for (const counter of counters) {
      const count = await this.increment(buckets[counter.window], counter);
      if (count === undefined) return { allowed: false, counts: await this.peek(counters) };
      counts.push(count);
    }
    return { allowed: true, counts };
  }

  async peek(counters: Counter[]): Promise<number[]> {
    const buckets = await this.open();
    return Promise.all(counters.map(async (c) => (await this.read(buckets[c.window], c.key)).count));
  }

  /** The count after adding one, or undefined when another replica reached the limit first. */
  private async increment(kv: KV, counter: Counter): Promise<number | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { count, revision } = await this.read(kv, counter.key);
      if (count >= counter.limit) return undefined;
      const value = new TextEncoder().encode(String(count + 1));
      try {
        if (revision === undefined) await kv.create(counter.key, value);
        else await kv.update(counter.key, value, revision);
        return count + 1;
      } catch (error) {
        if (this.connection.isClosed()) throw error;
        // Another replica wrote first (wrong last sequence): read again.
      }
    }
    throw new Error(`rate-limit counter ${counter.key} kept changing under compare-and-set`);
  }

  private async read(kv: KV, key: string): Promise<{ count: number; revision?: number }> {
    const entry = await kv.get(key);
    if (!entry) return { count: 0 };
    // A deleted or purged entry keeps a revision: update at it, from zero.
    if (entry.operation !== 'PUT') return { count: 0, revision: entry.revision };
    return { count: Number(entry.string()) || 0, revision: entry.revision };
  }

  private open(): Promise<Record<LimitWindow, KV>> {
    if (!this.isHealthy()) return Promise.reject(new Error('the NATS connection is down'));
    this.buckets ??= (async () => {
      const js = this.connection.jetstream({ timeout: JETSTREAM_TIMEOUT_MS });
      const [minute, day] = await Promise.all(
        (['minute', 'day'] as const).map((w) => js.views.kv(BUCKETS[w].name, { ttl: BUCKETS[w].ttl, history: 1 })),
      );
      return { minute, day };
    })().catch((error) => {
      this.buckets = undefined;
      throw error;
    });
    return this.buckets;
  }
}
