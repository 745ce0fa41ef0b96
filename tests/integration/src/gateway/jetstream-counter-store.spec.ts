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

  it('refuses without counting when one window is exhausted and the other is not', async () => {
    const [a] = connections.map((c) => new JetStreamCounterStore(c));
    const shared = counters({ minute: 2, day: 1000 });
    await a.consume(shared);
    await a.consume(shared);
    expect(await a.consume(shared)).toEqual({ allowed: false, counts: [2, 2] });
    expect(await new JetStreamCounterStore(connections[1]).peek(shared)).toEqual([2, 2]);
  });
});
