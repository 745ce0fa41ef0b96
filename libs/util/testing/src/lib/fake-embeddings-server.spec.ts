import { FakeEmbeddingsServer } from './fake-embeddings-server';
import { waitFor } from './wait-for';

async function embed(server: FakeEmbeddingsServer, input: string[]): Promise<{ status: number; body: { data?: { index: number; embedding: number[] }[] } }> {
  const response = await fetch(`${server.url}/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', input }),
  });
  return { status: response.status, body: (await response.json()) as { data?: { index: number; embedding: number[] }[] } };
}

describe('FakeEmbeddingsServer', () => {
  let server: FakeEmbeddingsServer;
  beforeEach(async () => (server = await new FakeEmbeddingsServer(8).start()));
  afterEach(() => server.close());

  it('answers one deterministic vector per input, out of order with their indexes', async () => {
    const { status, body } = await embed(server, ['alpha', 'beta']);
    expect(status).toBe(200);
    const sorted = [...(body.data ?? [])].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    expect(sorted).toEqual([FakeEmbeddingsServer.vector('alpha', 8), FakeEmbeddingsServer.vector('beta', 8)]);
    expect(server.embeddedTexts()).toEqual(['alpha', 'beta']);
  });

  it('fails on cue: scripted statuses first, then refused inputs', async () => {
    server.failNext(503);
    server.refuse((input) => input.length > 5);
    expect((await embed(server, ['short'])).status).toBe(503);
    expect((await embed(server, ['short', 'much too long'])).status).toBe(400);
    expect((await embed(server, ['short'])).status).toBe(200);
  });
});

describe('waitFor', () => {
  it('returns the first value that is neither undefined nor false', async () => {
    let calls = 0;
    expect(await waitFor(() => (++calls >= 3 ? calls : false), { intervalMs: 1 })).toBe(3);
  });

  it('fails with what it waited for and the last error', async () => {
    const probe = () => {
      throw new Error('not yet');
    };
    await expect(waitFor(probe, { timeoutMs: 20, intervalMs: 5, what: 'the answer' })).rejects.toThrow(
      /waiting for the answer: not yet/,
    );
  });
});
