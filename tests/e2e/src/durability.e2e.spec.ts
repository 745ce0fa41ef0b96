import { TEST_NATS_URL, waitFor } from '@commontrace/util-testing';
import { connect, NatsConnection } from 'nats';
import { Api, sampleTrace } from './support/api';
import { Stack, startMicroservices } from './support/stack';

const CONSUMER = 'embedding_embed-trace';

describe('durability: the embedding consumer loses nothing and applies each event once', () => {
  let stack: Stack;
  let api: Api;
  let nc: NatsConnection;
  let traceId: string;

  beforeAll(async () => {
    stack = await startMicroservices();
    api = new Api(stack.baseUrl);
    await api.register();
    nc = await connect({ servers: TEST_NATS_URL });
  });
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  const vectorOf = async (id: string) =>
    (await stack.query<{ updated_at: Date }>(`SELECT updated_at FROM trace_embeddings WHERE trace_id = $1`, [id]))[0];

  it('embeds a trace contributed while the embedding service was down', async () => {
    await stack.stopService('embedding');

    const created = await api.call('POST', '/api/v1/traces', sampleTrace({ title: 'Contributed during an embedding outage' }));
    expect(created.status).toBe(201);
    traceId = created.body.id;

    // The event leaves the outbox for JetStream, where it waits for the durable consumer.
    await waitFor(
      async () =>
        (await stack.query(`SELECT 1 FROM outbox WHERE payload->'data'->>'trace_id' = $1 AND sent_at IS NOT NULL`, [traceId]))
          .length > 0,
      { what: 'the created event to be published' },
    );
    const jsm = await nc.jetstreamManager();
    expect((await jsm.consumers.info('CT_EVENTS', CONSUMER)).num_pending).toBeGreaterThanOrEqual(1);
    expect(await vectorOf(traceId)).toBeUndefined();

    // Lexical search keeps answering without the embedding service.
    const search = await api.call('POST', '/api/v1/traces/search', { q: 'embedding outage' });
    expect(search.status).toBe(200);
    expect(search.body.retrievers).toEqual(['lexical']);
    expect(search.body.results[0].id).toBe(traceId);

    await stack.startService('embedding');
    await waitFor(() => vectorOf(traceId), { what: 'the vector after the restart', timeoutMs: 30_000 });
  });

  it('applies a duplicate delivery of the same event as a no-op', async () => {
    const before = await vectorOf(traceId);
    const [created] = await stack.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox WHERE subject = 'ct.v1.evt.trace.created' AND payload->'data'->>'trace_id' = $1`,
      [traceId],
    );
    const countEmbedded = async () =>
      (
        await stack.query(`SELECT 1 FROM outbox WHERE subject = 'ct.v1.evt.trace.embedded' AND payload->'data'->>'trace_id' = $1`, [
          traceId,
        ])
      ).length;
    expect(await countEmbedded()).toBe(1);

    const jsm = await nc.jetstreamManager();
    const deliveredBefore = (await jsm.consumers.info('CT_EVENTS', CONSUMER)).delivered.consumer_seq;
    // A new Nats-Msg-Id gets past the server's dedup window, as a redelivery after a lost ack would.
    await nc.jetstream().publish('ct.v1.evt.trace.created', Buffer.from(JSON.stringify(created.payload)), {
      msgID: `redelivery-${traceId}`,
    });
    await waitFor(
      async () => {
        const info = await jsm.consumers.info('CT_EVENTS', CONSUMER);
        return info.delivered.consumer_seq > deliveredBefore && info.num_ack_pending === 0 && info.num_pending === 0;
      },
      { what: 'the duplicate to be consumed and acked' },
    );

    expect(await vectorOf(traceId)).toEqual(before);
    expect(await countEmbedded()).toBe(1);
    // Other services consume trace.created too (search's wanted list): the embedding consumer's own record counts.
    const processed = await stack.query(`SELECT 1 FROM processed_events WHERE event_id = $1 AND consumer = 'embedding.embed-trace'`, [created.payload['id']]);
    expect(processed).toHaveLength(1);
  });
});
