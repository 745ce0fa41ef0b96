import { EmbeddingUnavailableError, OpenAiEmbeddingProvider } from '@commontrace/service-embedding';
import { FakeEmbeddingsServer } from '@commontrace/util-testing';

describe('OpenAI-compatible provider against a server that speaks the embeddings API', () => {
  let server: FakeEmbeddingsServer;
  const provider = (overrides: Partial<ConstructorParameters<typeof OpenAiEmbeddingProvider>[1]> = {}, dimensions?: number) =>
    new OpenAiEmbeddingProvider(
      { provider: 'openai-compatible', providerModel: 'test-embed', dimensions },
      { baseURL: server.url, timeoutMs: 2000, maxRetries: 3, batchSize: 2, backoffBaseMs: 5, ...overrides },
    );

  beforeEach(async () => {
    server = await new FakeEmbeddingsServer(16).start();
  });
  afterEach(() => server.close());

  it('batches the texts and returns one vector per text, in order', async () => {
    const texts = ['alpha beta', 'gamma', 'delta epsilon', 'zeta', 'eta'];
    const vectors = await provider().embed(texts);
    expect(server.requests.map((r) => r.input)).toEqual([['alpha beta', 'gamma'], ['delta epsilon', 'zeta'], ['eta']]);
    expect(vectors).toEqual(texts.map((t) => FakeEmbeddingsServer.vector(t, 16)));
    expect(server.requests[0].model).toBe('test-embed');
  });

  it('asks for the configured dimensions and names the model with them', async () => {
    const p = provider({}, 8);
    const [vector] = await p.embed(['sized']);
    expect(vector).toHaveLength(8);
    expect(server.requests[0].dimensions).toBe(8);
    expect(p.model).toBe('openai-compatible:test-embed@8');
  });

  it('retries after 429 (honouring Retry-After) and 5xx, then succeeds', async () => {
    server.failNext({ status: 429, retryAfter: '0' }, 503);
    const [vector] = await provider().embed(['rate limited']);
    expect(vector).toEqual(FakeEmbeddingsServer.vector('rate limited', 16));
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a request the server refuses as invalid', async () => {
    server.failNext(400);
    await expect(provider().embed(['bad'])).rejects.toThrow(/400/);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after the retries, and opens the circuit after repeated 5xx so calls fail fast', async () => {
    server.outage(500);
    const p = provider({ maxRetries: 1, breakerVolume: 2, breakerErrorPercentage: 50, breakerResetMs: 60_000 });
    await expect(p.embed(['one'])).rejects.toThrow(/500/);
    await expect(p.embed(['two'])).rejects.toThrow(/500/);
    expect(server.requests).toHaveLength(4);
    expect(p.circuitOpen).toBe(true);

    server.outage(undefined);
    await expect(p.embed(['three'])).rejects.toThrow(/Breaker is open/i);
    expect(server.requests).toHaveLength(4);
  });

  it('closes the circuit again once a trial call succeeds after the reset time', async () => {
    server.outage(502);
    const p = provider({ maxRetries: 0, breakerVolume: 1, breakerResetMs: 200 });
    await expect(p.embed(['down'])).rejects.toThrow(/502/);
    expect(p.circuitOpen).toBe(true);
    server.outage(undefined);
    await new Promise((r) => setTimeout(r, 300));
    await expect(p.embed(['up again'])).resolves.toHaveLength(1);
    expect(p.circuitOpen).toBe(false);
  });

  it('cuts each input to 8191 bytes, so a text over the token limit is embedded, not refused', async () => {
    // As OpenAI does, the server refuses a request holding any input over the model's limit.
    server.refuse((input) => Buffer.byteLength(input, 'utf8') > 8191);
    const long = 'TypeError: Cannot read properties of undefined (reading "map") '.repeat(400);
    const [vector] = await provider().embed([long]);
    expect(vector).toHaveLength(16);
    expect(Buffer.byteLength(server.requests[0].input[0], 'utf8')).toBeLessThanOrEqual(8191);
    expect(long.startsWith(server.requests[0].input[0])).toBe(true);
  });

  it('tells an unavailable server (retry later) from a refused input (the text is at fault)', async () => {
    server.failNext(400);
    const refused = await provider().embed(['bad']).catch((e) => e);
    expect(refused).not.toBeInstanceOf(EmbeddingUnavailableError);
    server.outage(503);
    const down = await provider({ maxRetries: 0 }).embed(['fine']).catch((e) => e);
    expect(down).toBeInstanceOf(EmbeddingUnavailableError);
  });
});
