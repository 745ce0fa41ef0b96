import { KV, NatsConnection } from 'nats';
import { LimitWindow } from '@commontrace/util-config';
import { Counter, WINDOW_MS } from './limits';
import { CounterStore } from './counter-store';
import { advanced, atLimit, Counts, countsOf, entryOf, parseCounts } from './counter-entry';

/** One bucket per window, each keeping an entry a little longer than its window after the last write. */
const BUCKETS: Record<LimitWindow, { name: string; ttl: number }> = {
  minute: { name: 'ct_rate_minute', ttl: 2 * WINDOW_MS.minute },
  day: { name: 'ct_rate_day', ttl: WINDOW_MS.day + WINDOW_MS.minute * 60 },
};
/** Compare-and-set attempts per entry before the request is treated as a store failure. */
const MAX_ATTEMPTS = 20;
const JETSTREAM_TIMEOUT_MS = 2000;

/** Entries whose last known value a replica keeps, at most (the oldest are dropped first). */
const KNOWN_ENTRIES = 10_000;

interface EntryState {
  counts: Counts;
  revision?: number;
}

/** A request waiting for its entry's next write: its counters, and what to answer it. */
interface Waiting {
  counters: Counter[];
  now: number;
  resolve(outcome: { allowed: boolean; counts: number[] }): void;
  reject(error: unknown): void;
}

/**
 * Counters shared by every gateway replica, in JetStream key-value buckets. The counters one
 * request counts against (its minute and its day) are kept together in one entry, so counting is
 * one compare-and-set (`create` for a new entry, `update` at a revision) whatever the number of
 * windows: two replicas that count at once both land, and the loser of a race reads again and
 * retries. An entry keeps the counts of windows that have not ended yet, so a request that still
 * counts against the last minute never erases the new minute's count.
 *
 * A replica writes each entry once at a time. The requests that arrive while a write is under way
 * wait for the next one, and that write counts all of them (in their order, each refused at a
 * limit the ones before it reached): one round trip per request when they come one at a time, and
 * far fewer than one per request when many come at once. A request is answered only once the
 * write that counts it has landed. A replica remembers the value and revision it last wrote or
 * read of each entry and writes at that revision without reading first: while one replica serves
 * an account (the usual case) a write is one round trip; when another replica wrote in between,
 * the update fails, and the replica reads and counts the waiting requests again. A remembered
 * count at or past its limit is final (counts only grow within a window), so such a request is
 * refused at once, with no round trip.
 */
export class JetStreamCounterStore extends CounterStore {
  private readonly buckets = new Map<LimitWindow, Promise<KV>>();
  private readonly known = new Map<string, EntryState>();
  /** Per entry: the requests waiting for its next write, and whether a write is under way. */
  private readonly queues = new Map<string, { waiting: Waiting[]; writing: boolean }>();

  /** `isHealthy`: false between a disconnect and its reconnect, so requests do not wait for JetStream timeouts then. */
  constructor(
    private readonly connection: NatsConnection,
    private readonly isHealthy: () => boolean = () => !connection.isClosed(),
  ) {
    super();
  }

  async consume(counters: Counter[], now = Date.now()): Promise<{ allowed: boolean; counts: number[] }> {
    const entry = entryOf(counters);
    const kv = await this.bucket(entry.window);
    const remembered = this.known.get(entry.key);
    if (remembered && atLimit(counters, remembered.counts)) return { allowed: false, counts: countsOf(counters, remembered.counts) };
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(entry.key);
      if (!queue) this.queues.set(entry.key, (queue = { waiting: [], writing: false }));
      queue.waiting.push({ counters, now, resolve, reject });
      if (!queue.writing) void this.drain(kv, entry.key, queue);
    });
  }

  async peek(counters: Counter[]): Promise<number[]> {
    const entry = entryOf(counters);
    return countsOf(counters, (await this.read(await this.bucket(entry.window), entry.key, counters)).counts);
  }

  /** Writes the entry for the waiting requests, batch after batch, until none waits. */
  private async drain(kv: KV, key: string, queue: { waiting: Waiting[]; writing: boolean }): Promise<void> {
    queue.writing = true;
    while (queue.waiting.length) {
      const batch = queue.waiting.splice(0);
      try {
        const outcomes = await this.count(kv, key, batch);
        batch.forEach((w, i) => w.resolve(outcomes[i]));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    queue.writing = false;
    this.queues.delete(key);
  }

  /** Counts a batch of requests with one write (more only when another replica wrote first); a request at a limit counts nothing. */
  private async count(kv: KV, key: string, batch: Waiting[]): Promise<{ allowed: boolean; counts: number[] }[]> {
    const all = batch.flatMap((w) => w.counters);
    let state = this.known.get(key) ?? (await this.read(kv, key, all));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let counts = state.counts;
      const outcomes = batch.map((w) => {
        if (atLimit(w.counters, counts)) return { allowed: false, counts: countsOf(w.counters, counts) };
        counts = advanced(counts, w.counters, w.now);
        return { allowed: true, counts: countsOf(w.counters, counts) };
      });
      if (counts === state.counts) return outcomes;
      const value = new TextEncoder().encode(JSON.stringify(counts));
      try {
        const revision = state.revision === undefined ? await kv.create(key, value) : await kv.update(key, value, state.revision);
        this.remember(key, { counts, revision });
        return outcomes;
      } catch (error) {
        if (this.connection.isClosed()) throw error;
        // Another replica wrote first (wrong last sequence): read again.
        state = await this.read(kv, key, all);
      }
    }
    throw new Error(`rate-limit entry ${key} kept changing under compare-and-set`);
  }

  private async read(kv: KV, key: string, counters: Counter[]): Promise<EntryState> {
    const entry = await kv.get(key);
    // A deleted or purged entry keeps a revision: update at it, from zero.
    const state: EntryState = !entry ? { counts: {} } : entry.operation !== 'PUT' ? { counts: {}, revision: entry.revision } : { counts: parseCounts(entry.string(), key, counters), revision: entry.revision };
    this.remember(key, state);
    return state;
  }

  /** Keys hold their window's start, so an old window's entry is never asked for again: the oldest entries go first. */
  private remember(key: string, state: EntryState): void {
    this.known.delete(key);
    this.known.set(key, state);
    if (this.known.size > KNOWN_ENTRIES) this.known.delete(this.known.keys().next().value as string);
  }

  /** The bucket of a window, opened (created when missing) on first use. */
  private bucket(window: LimitWindow): Promise<KV> {
    if (!this.isHealthy()) return Promise.reject(new Error('the NATS connection is down'));
    let opened = this.buckets.get(window);
    if (!opened) {
      opened = this.connection
        .jetstream({ timeout: JETSTREAM_TIMEOUT_MS })
        .views.kv(BUCKETS[window].name, { ttl: BUCKETS[window].ttl, history: 1 })
        .catch((error) => {
          this.buckets.delete(window);
          throw error;
        });
      this.buckets.set(window, opened);
    }
    return opened;
  }
}
