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

/** Counters whose last known value a replica keeps, at most (the oldest are dropped first). */
const KNOWN_COUNTERS = 10_000;

/**
 * Counters shared by every gateway replica, in JetStream key-value buckets. Each counter is
 * advanced with compare-and-set (`create` for a new key, `update` at a revision), so two replicas
 * that count at once both land: the loser of a race reads again and retries.
 *
 * A replica remembers the value and revision it last wrote or read of each counter and tries its
 * update at that revision without reading first: while one replica serves an account (the usual
 * case), counting a request is one round trip per window (a replica's requests take turns at
 * each counter); when another replica wrote in between, the update fails, and the replica reads
 * and retries. A remembered count at or past the limit is final (counts only
 * grow within a window), so a refused request costs no round trip.
 */
export class JetStreamCounterStore extends CounterStore {
  private buckets?: Promise<Record<LimitWindow, KV>>;
  private readonly known = new Map<string, { count: number; revision?: number }>();
  private readonly turns = new Map<string, Promise<void>>();

  /** `isHealthy`: false between a disconnect and its reconnect, so requests do not wait for JetStream timeouts then. */
  constructor(
    private readonly connection: NatsConnection,
    private readonly isHealthy: () => boolean = () => !connection.isClosed(),
  ) {
    super();
  }

  async consume(counters: Counter[]): Promise<{ allowed: boolean; counts: number[] }> {
    const buckets = await this.open();
    const current = await Promise.all(counters.map((c) => this.known.get(c.key) ?? this.read(buckets[c.window], c.key)));
    if (counters.some((c, i) => current[i].count >= c.limit)) return { allowed: false, counts: current.map((s) => s.count) };
    // In order (the minute, then the day): a request refused by one window is not counted in the next.
    const counts: number[] = [];
    for (const counter of counters) {
      const count = await this.inTurn(counter.key, () => this.increment(buckets[counter.window], counter));
      if (count === undefined) return { allowed: false, counts: await this.peek(counters) };
      counts.push(count);
    }
    return { allowed: true, counts };
  }

  async peek(counters: Counter[]): Promise<number[]> {
    const buckets = await this.open();
    return Promise.all(counters.map(async (c) => (await this.read(buckets[c.window], c.key)).count));
  }

  /**
   * Runs `work` after the work queued before it on the same counter: the requests of one replica
   * take turns at a counter, so only another replica's writes make an update fail.
   */
  private inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.turns.get(key) ?? Promise.resolve()).then(work);
    const turn = result.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(key, turn);
    void turn.then(() => {
      if (this.turns.get(key) === turn) this.turns.delete(key);
    });
    return result;
  }

  /** The count after adding one, or undefined when another replica reached the limit first. */
  private async increment(kv: KV, counter: Counter): Promise<number | undefined> {
    let state = this.known.get(counter.key) ?? (await this.read(kv, counter.key));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (state.count >= counter.limit) return undefined;
      const value = new TextEncoder().encode(String(state.count + 1));
      try {
        const revision = state.revision === undefined ? await kv.create(counter.key, value) : await kv.update(counter.key, value, state.revision);
        this.remember(counter.key, { count: state.count + 1, revision });
        return state.count + 1;
      } catch (error) {
        if (this.connection.isClosed()) throw error;
        // Another replica wrote first (wrong last sequence): read again.
        state = await this.read(kv, counter.key);
      }
    }
    throw new Error(`rate-limit counter ${counter.key} kept changing under compare-and-set`);
  }

  private async read(kv: KV, key: string): Promise<{ count: number; revision?: number }> {
    const entry = await kv.get(key);
    // A deleted or purged entry keeps a revision: update at it, from zero.
    const state = !entry ? { count: 0 } : entry.operation !== 'PUT' ? { count: 0, revision: entry.revision } : { count: Number(entry.string()) || 0, revision: entry.revision };
    this.remember(key, state);
    return state;
  }

  /** Keys hold their window's start, so an old window's counter is never asked for again: the oldest entries go first. */
  private remember(key: string, state: { count: number; revision?: number }): void {
    this.known.delete(key);
    this.known.set(key, state);
    if (this.known.size > KNOWN_COUNTERS) this.known.delete(this.known.keys().next().value as string);
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
