import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { TEST_NATS_URL } from '@commontrace/util-testing';
import { Counter, JetStreamCounterStore } from '@commontrace/service-gateway';

/**
 * The shared counters of the rate limits, as two gateway replicas use them: each with its own
 * connection and its own memory of the counters' last values, counting one account at once.
 */
describe('JetStreamCounterStore', () => {
  let connections: NatsConnection[];
  const counters = (limit: { minute: number; day: number }): Counter[] => {
    const account = randomUUID().replace(/-/g, '');
    const end = Date.now() + 60_000;
    return [
      { window: 'minute', key: `${account}.read.minute.0`, limit: limit.minute, end },
      { window: 'day', key: `${account}.read.day.0`, limit: limit.day, end },
    ];
  };

  /**
   * The writes to an account's counters, as they happen: every write to a key-value bucket is a
   * message on $KV.<bucket>.<key>, routed to subscribers when it is published (before its ack).
   */
  async function watchWrites(shared: Counter[]): Promise<{ writes: string[]; stop(): Promise<void> }> {
    const writes: string[] = [];
    const watch = connections[1].subscribe(`$KV.*.${shared[0].key.split('.')[0]}.>`, { callback: (_error, msg) => writes.push(msg.subject) });
    await connections[1].flush();
    return {
      writes,
      stop: async () => {
        await connections[1].flush();
        watch.unsubscribe();
      },
    };
  }

  beforeAll(async () => {
    connections = await Promise.all([connect({ servers: TEST_NATS_URL }), connect({ servers: TEST_NATS_URL })]);
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
  });

  it('lets exactly the limit through when two replicas count one account concurrently', async () => {
    const [a, b] = connections.map((c) => new JetStreamCounterStore(c));
    const shared = counters({ minute: 25, day: 1000 });
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).consume(shared)));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(25);
    // Every allowed request counted once in both windows; refused ones in neither.
    expect(await a.peek(shared)).toEqual([25, 25]);
    expect(await b.peek(shared)).toEqual([25, 25]);
    // A replica whose memory says the limit is reached refuses at once, and counts nothing.
    expect(await a.consume(shared)).toEqual({ allowed: false, counts: [25, 25] });
  });

  it('corrects a stale memory: a replica that did not see the other one write still counts from the true value', async () => {
    const [a, b] = connections.map((c) => new JetStreamCounterStore(c));
    const shared = counters({ minute: 100, day: 100 });
    expect((await a.consume(shared)).counts).toEqual([1, 1]);
    for (let i = 0; i < 5; i++) await b.consume(shared);
    // `a` remembers 1 at an old revision: its update fails, it reads 6 and writes 7.
    expect(await a.consume(shared)).toEqual({ allowed: true, counts: [7, 7] });
    expect(await b.peek(shared)).toEqual([7, 7]);
  });

  it("counts a request with one write to one entry, the minute's and the day's counts together", async () => {
    const [a] = connections.map((c) => new JetStreamCounterStore(c));
    const shared = counters({ minute: 100, day: 100 });
    const { writes, stop } = await watchWrites(shared);
    for (let i = 0; i < 3; i++) await a.consume(shared);
    await stop();
    expect(writes).toEqual(Array.from({ length: 3 }, () => `$KV.ct_rate_day.${shared[1].key}`));
    expect(await new JetStreamCounterStore(connections[1]).peek(shared)).toEqual([3, 3]);
  });

  it('counts the requests that arrive together with one write, in their order, refusing those past the limit', async () => {
    const [a] = connections.map((c) => new JetStreamCounterStore(c));
    const shared = counters({ minute: 12, day: 1000 });
    const { writes, stop } = await watchWrites(shared);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => a.consume(shared)));
    await stop();
    // The first request is written alone; the 19 that came while it was under way, together.
    expect(writes).toHaveLength(2);
    expect(outcomes.map((o) => o.allowed)).toEqual([...Array(12).fill(true), ...Array(8).fill(false)]);
    expect(outcomes.slice(0, 12).map((o) => o.counts[0])).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await new JetStreamCounterStore(connections[1]).peek(shared)).toEqual([12, 12]);
  });

  it('refuses without counting when one window is exhausted and the other is not', async () => {
    const [a] = connections.map((c) => new JetStreamCounterStore(c));
    const shared = counters({ minute: 2, day: 1000 });
    await a.consume(shared);
    await a.consume(shared);
    expect(await a.consume(shared)).toEqual({ allowed: false, counts: [2, 2] });
    expect(await new JetStreamCounterStore(connections[1]).peek(shared)).toEqual([2, 2]);
  });
});
