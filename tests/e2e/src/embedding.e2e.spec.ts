import { FakeEmbeddingsServer, waitFor } from '@commontrace/util-testing';
import { Api, sampleTrace } from './support/api';
import { Stack, startMicroservices } from './support/stack';

const through = (server: FakeEmbeddingsServer) => ({
  EMBEDDING_PROVIDER: 'openai',
  OPENAI_BASE_URL: server.url,
  EMBEDDING_MODEL: 'fake-embed',
  EMBEDDING_MAX_RETRIES: '1',
  EMBEDDING_BREAKER_RESET_MS: '500',
  EMBEDDING_SWEEP_MS: '300',
  EMBEDDING_SWEEP_GRACE_MS: '0',
});

async function contribute(api: Api, count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await api.call('POST', '/api/v1/traces', sampleTrace({ title: `${label} number ${i}` }));
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

describe('embedding through an OpenAI-compatible server: outages and model switches', () => {
  let server: FakeEmbeddingsServer;
  let stack: Stack;
  let api: Api;

  afterEach(async () => {
    await stack?.stop();
    await server?.close();
  });

  it('loses nothing when the provider is down while agents contribute', async () => {
    server = await new FakeEmbeddingsServer(32).start();
    server.outage(503);
    stack = await startMicroservices(through(server));
    api = new Api(stack.baseUrl);
    await api.register();

    const ids = await contribute(api, 4, 'Provider outage contribution');
    // Contributions and lexical search do not wait for vectors.
    const search = await api.call('POST', '/api/v1/traces/search', { q: 'provider outage contribution' });
    expect(search.status).toBe(200);
    expect(search.body.retrievers).toEqual(['lexical']);
    expect(search.body.results).toHaveLength(4);
    await waitFor(() => server.requests.length >= 3, { what: 'attempts against the failing provider' });
    expect(await stack.query(`SELECT 1 FROM trace_embeddings`)).toHaveLength(0);

    server.outage(undefined);
    await waitFor(async () => (await stack.query(`SELECT 1 FROM trace_embeddings`)).length === ids.length, {
      what: 'every trace to get its vector after recovery',
      timeoutMs: 45_000,
    });
    const models = await stack.query<{ model: string }>(`SELECT DISTINCT model FROM trace_embeddings`);
    expect(models).toEqual([{ model: 'openai-compatible:fake-embed' }]);
  });

  it('re-embeds every trace exactly once after a change of model, serving the old vectors until then', async () => {
    server = await new FakeEmbeddingsServer(48).start();
    stack = await startMicroservices({ EMBEDDING_SWEEP_MS: '300' });
    api = new Api(stack.baseUrl);
    await api.register();
    const ids = await contribute(api, 5, 'Model switch trace');
    await waitFor(async () => (await stack.query(`SELECT 1 FROM trace_embeddings WHERE model = 'offline-hash-v1'`)).length === 5, {
      what: 'offline vectors',
    });

    const release = server.hold();
    await stack.stopService('embedding');
    await stack.startService('embedding', { ...through(server), EMBEDDING_BATCH_SIZE: '2' });
    expect(await stack.query(`SELECT model, state FROM embedding_models ORDER BY model`)).toEqual([
      { model: 'offline-hash-v1', state: 'serving' },
      { model: 'openai-compatible:fake-embed', state: 'building' },
    ]);

    // While the new model is built, queries still use the old vectors (the vector retriever alone:
    // ranked search leaves the offline model's zero-weight list out).
    const during = await api.call('POST', '/api/v1/traces/search', { q: 'model switch trace number 3', mode: 'vector' });
    expect(during.body.retrievers).toEqual(['vector']);
    expect(during.body.results.length).toBeGreaterThan(0);
    expect(server.embeddedTexts()).not.toContain('model switch trace number 3');

    release();
    await waitFor(
      async () => (await stack.query(`SELECT 1 FROM embedding_models WHERE model = 'openai-compatible:fake-embed' AND state = 'serving'`)).length === 1,
      { what: 'the new model to take over', timeoutMs: 30_000 },
    );
    const rows = await stack.query<{ trace_id: string; dimensions: number }>(
      `SELECT trace_id, dimensions FROM trace_embeddings WHERE model = 'openai-compatible:fake-embed'`,
    );
    expect(rows.map((r) => r.trace_id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.dimensions === 48)).toBe(true);

    // Exactly once: every trace's text went to the provider one time, in batches of two.
    const embedded = server.embeddedTexts();
    expect(embedded).toHaveLength(5);
    expect(new Set(embedded).size).toBe(5);
    expect(server.requests.map((r) => r.input.length)).toEqual([2, 2, 1]);
    expect(await stack.query(`SELECT state FROM embedding_models WHERE model = 'offline-hash-v1'`)).toEqual([{ state: 'retired' }]);

    // Queries now use the new model (ranked search follows within QUERY_MODEL_MEMORY_MS).
    const after = await api.call('POST', '/api/v1/traces/search', { q: 'model switch trace number 3', mode: 'vector' });
    expect(after.body.retrievers).toEqual(['vector']);
    expect(after.body.results.length).toBeGreaterThan(0);
    expect(server.requests.at(-1)?.input).toEqual(['model switch trace number 3']);
  });
});
