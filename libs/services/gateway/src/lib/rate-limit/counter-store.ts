import { Counter } from './limits';

/**
 * The counters behind the rate limits. `consume` is all or nothing per request: when any counter
 * is at its limit nothing is added and `allowed` is false; otherwise each counter grows by one.
 * `counts` are the counts after the call, in the order of the counters.
 */
export abstract class CounterStore {
  abstract consume(counters: Counter[], now: number): Promise<{ allowed: boolean; counts: number[] }>;
  abstract peek(counters: Counter[], now: number): Promise<number[]>;
}

/** The all-in-one's counters: one process, so a map is shared by every request. Expired windows are swept. */
export class MemoryCounterStore extends CounterStore {
  private readonly counts = new Map<string, { count: number; end: number }>();
  private nextSweep = 0;

  async consume(counters: Counter[], now: number): Promise<{ allowed: boolean; counts: number[] }> {
    this.sweep(now);
    const current = counters.map((c) => this.current(c.key, now));
    if (counters.some((c, i) => current[i] >= c.limit)) return { allowed: false, counts: current };
    counters.forEach((c, i) => this.counts.set(c.key, { count: current[i] + 1, end: c.end }));
    return { allowed: true, counts: current.map((n) => n + 1) };
  }

  async peek(counters: Counter[], now: number): Promise<number[]> {
    return counters.map((c) => this.current(c.key, now));
  }

  /** How many counters are kept (for the spec that shows the sweep). */
  size(): number {
    return this.counts.size;
  }

  private current(key: string, now: number): number {
    const entry = this.counts.get(key);
    return entry && entry.end > now ? entry.count : 0;
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 60_000;
    for (const [key, entry] of this.counts) if (entry.end <= now) this.counts.delete(key);
  }
}
