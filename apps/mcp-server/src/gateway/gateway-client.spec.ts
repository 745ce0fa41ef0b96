import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { BreakerRegistry } from './breakers';
import { GatewayClient } from './gateway-client';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server that answers each request with the next scripted answer. */
async function fakeGateway(answers: ((res: ServerResponse) => void)[]) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      (answers.shift() ?? ((r) => r.writeHead(500).end()))(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

describe('GatewayClient', () => {
  let breakers: BreakerRegistry;
  let gw: Awaited<ReturnType<typeof fakeGateway>> | undefined;
  beforeEach(() => {
    breakers = new BreakerRegistry({ volumeThreshold: 100, errorThresholdPercentage: 50, resetTimeoutMs: 1000, rollingWindowMs: 10_000, maxKeys: 10 });
  });
  afterEach(async () => {
    breakers.shutdown();
    await gw?.close();
    gw = undefined;
  });
  const client = (url: string, extra: Partial<ConstructorParameters<typeof GatewayClient>[0]> = {}) =>
    new GatewayClient({ baseUrl: `${url}/`, apiKey: 'ct_key', timeoutMs: 1000, retries: 1, breakers, sleep: async () => undefined, ...extra });

  it('sends the key and the route under /api/v1, and answers the JSON', async () => {
    gw = await fakeGateway([json(200, { tags: ['a'], counts: [{ tag: 'a', count: 1 }], total: 1 })]);
    await expect(client(gw.url).listTags({ prefix: 'a', limit: 5 })).resolves.toMatchObject({ total: 1 });
    expect(gw.seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/tags?prefix=a&limit=5', headers: { 'x-api-key': 'ct_key' } });
  });

  it('retries a write after a 503 with the same Idempotency-Key', async () => {
    gw = await fakeGateway([json(503, { code: 'service_unavailable', detail: 'down' }), json(201, { id: 't1', status: 'pending', redactions: [] })]);
    await expect(client(gw.url).submitTrace({ title: 'T', context_text: 'c', solution_text: 's' })).resolves.toMatchObject({ id: 't1' });
    expect(gw.seen).toHaveLength(2);
    const [first, second] = gw.seen.map((s) => s.headers['idempotency-key']);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
    expect(JSON.parse(gw.seen[1].body)).toEqual({ title: 'T', context_text: 'c', solution_text: 's' });
  });

  it('gives each call its own Idempotency-Key, and sends none on reads', async () => {
    gw = await fakeGateway([json(201, { vote: {}, trust: {} }), json(201, { vote: {}, trust: {} }), json(200, {})]);
    const c = client(gw.url);
    await c.vote('t1', { vote_type: 'up', feedback_text: 'worked fine' });
    await c.vote('t1', { vote_type: 'up', feedback_text: 'worked fine' });
    await c.me();
    const keys = gw.seen.map((s) => s.headers['idempotency-key']);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBeUndefined();
  });

  it('does not retry a refusal, and answers it as a GatewayError with the problem fields', async () => {
    gw = await fakeGateway([json(400, { code: 'validation_failed', detail: 'bad', errors: [{ field: 'q', message: 'too long' }] })]);
    await expect(client(gw.url).searchTraces({ q: 'x' })).rejects.toMatchObject({ code: 'validation_failed', extra: { status: 400, errors: [{ field: 'q', message: 'too long' }] } });
    expect(gw.seen).toHaveLength(1);
  });

  it('waits a short Retry-After itself, and hands a long one back', async () => {
    const waits: number[] = [];
    gw = await fakeGateway([json(429, { code: 'rate_limited', detail: 'slow' }, { 'retry-after': '1' }), json(200, {}), json(429, { code: 'rate_limited', detail: 'slow' }, { 'retry-after': '30' })]);
    const c = client(gw.url, { sleep: async (ms) => void waits.push(ms) });
    await c.me();
    expect(waits).toEqual([1000]);
    await expect(c.me()).rejects.toMatchObject({ code: 'rate_limited', extra: { retryAfterSeconds: 30 } });
    expect(gw.seen).toHaveLength(3);
  });

  it('times out a call that gets no answer, and reports an unreachable gateway', async () => {
    gw = await fakeGateway([() => undefined, () => undefined]);
    await expect(client(gw.url, { timeoutMs: 100, retries: 1 }).me()).rejects.toMatchObject({ code: 'gateway_timeout' });
    expect(gw.seen).toHaveLength(2);
    await expect(client('http://127.0.0.1:1', { retries: 0 }).me()).rejects.toMatchObject({ code: 'gateway_unreachable' });
  });

  it('refuses to call without a key', async () => {
    await expect(client('http://127.0.0.1:1', { apiKey: undefined }).me()).rejects.toMatchObject({ code: 'missing_api_key' });
  });
});
