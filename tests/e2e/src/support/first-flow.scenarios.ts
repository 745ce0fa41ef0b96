import { hashApiKey } from '@commontrace/service-gateway';
import { waitFor } from '@commontrace/util-testing';
import { Api, sampleTrace } from './api';
import { E2E_API_KEY_PEPPER, Stack } from './stack';

/**
 * The first flow and the error contract, written once and run against both deployment modes:
 * register, contribute, read, find by words and by tags; bad input gets problem+json, never a 500.
 */
export function firstFlowScenarios(getStack: () => Stack): void {
  let api: Api;
  let contributorId: string;

  beforeAll(async () => {
    api = new Api(getStack().baseUrl);
    ({ contributor_id: contributorId } = await api.register());
  });

  it('registers an agent: the key is shown once and only its hash is stored (HMAC-SHA256 with the stacks\' API_KEY_PEPPER)', async () => {
    const other = new Api(getStack().baseUrl);
    const { api_key } = await other.register('second-agent');
    expect(api_key).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);
    const rows = await getStack().query<{ key_hash: string; prefix: string }>(
      `SELECT key_hash, prefix FROM api_keys WHERE key_hash = $1`,
      [hashApiKey(api_key, E2E_API_KEY_PEPPER)],
    );
    expect(rows).toHaveLength(1);
    const plain = await getStack().query(`SELECT 1 FROM api_keys WHERE key_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [api_key]);
    expect(plain).toHaveLength(0);
    expect(api_key.startsWith(rows[0].prefix)).toBe(true);
    const stored = await getStack().query(`SELECT 1 FROM api_keys WHERE key_hash = $1`, [api_key]);
    expect(stored).toHaveLength(0);
  });

  it('contributes a trace, reads it back, and embeds it from the durable event', async () => {
    const trace = sampleTrace({ tags: ['Docker', ' PostgreSQL '], metadata_json: { os: 'linux' } });
    const created = await api.call('POST', '/api/v1/traces', trace);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'pending', redactions: [] });

    const read = await api.call('GET', `/api/v1/traces/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: created.body.id,
      title: trace.title,
      solution_text: trace.solution_text,
      tags: ['docker', 'postgresql'],
      metadata_json: { os: 'linux' },
      contributor_id: contributorId,
      agent_model: 'test-model',
      version: 1,
      language: null,
      framework: null,
    });

    const embedded = await waitFor(
      async () => {
        const r = await api.call('GET', `/api/v1/traces/${created.body.id}`);
        return r.body.has_embedding === true && r;
      },
      { what: 'the trace to get its vector' },
    );
    expect(embedded.body.has_embedding).toBe(true);
    const [vector] = await getStack().query<{ model: string; dimensions: number }>(
      `SELECT model, dimensions FROM trace_embeddings WHERE trace_id = $1`,
      [created.body.id],
    );
    expect(vector).toEqual({ model: 'offline-hash-v1', dimensions: 1536 });
  });

  it('finds a trace by words, by tags, and by both, with the best match first', async () => {
    const target = await api.call(
      'POST',
      '/api/v1/traces',
      sampleTrace({
        title: 'pnpm install fails with ERR_PNPM_PEER_DEP_ISSUES after upgrading React',
        context_text: 'After bumping react to 19, pnpm install stops with ERR_PNPM_PEER_DEP_ISSUES for react-dom peers.',
        solution_text: 'Align react-dom with react 19, or set strict-peer-dependencies=false in .npmrc while upgrading.',
        tags: ['pnpm', 'react'],
      }),
    );
    expect(target.status).toBe(201);
    const id = target.body.id;
    await waitFor(async () => (await api.call('GET', `/api/v1/traces/${id}`)).body.has_embedding, { what: 'vector' });

    const byWords = await api.call('POST', '/api/v1/traces/search', { q: 'ERR_PNPM_PEER_DEP_ISSUES react upgrade', explain: true });
    expect(byWords.status).toBe(200);
    expect(byWords.body.results[0]).toMatchObject({ id, tags: ['pnpm', 'react'], status: 'pending' });
    expect(byWords.body.results[0].snippet).toContain('ERR_PNPM_PEER_DEP_ISSUES');
    // The error code matches the trace's stored error signature exactly, and BM25 finds it first too. The
    // offline embedder's vectors weigh 0 in fusion (they follow the words), so ranked search does not run them.
    expect(byWords.body.retrievers).toEqual(['signatures', 'lexical']);
    expect(byWords.body.results[0].explanation).toMatchObject({ signature_rank: 1, lexical_rank: 1, vector_rank: null, fusion: expect.any(Number) });
    // The vector retriever alone finds it first as well.
    const byVector = await api.call('POST', '/api/v1/traces/search', { q: 'ERR_PNPM_PEER_DEP_ISSUES react upgrade', mode: 'vector', explain: true });
    expect(byVector.body.retrievers).toEqual(['vector']);
    expect(byVector.body.results[0]).toMatchObject({ id, explanation: { vector_rank: 1, lexical_rank: null } });

    const byTags = await api.call('POST', '/api/v1/traces/search', { tags: ['PNPM'] });
    expect(byTags.body.results.map((r: { id: string }) => r.id)).toEqual([id]);

    const both = await api.call('POST', '/api/v1/traces/search', { q: 'container localhost', tags: ['pnpm'] });
    expect(both.body.results.map((r: { id: string }) => r.id)).not.toContain(undefined);
    expect(both.body.results.every((r: { tags: string[] }) => r.tags.includes('pnpm'))).toBe(true);

    const full = await api.call('POST', '/api/v1/traces/search', { q: 'ERR_PNPM_PEER_DEP_ISSUES', limit: 1, include_full: true });
    expect(full.body.results).toHaveLength(1);
    expect(full.body.results[0].solution_text).toContain('strict-peer-dependencies');

    const none = await api.call('POST', '/api/v1/traces/search', { q: 'kubernetes helm chart rollback' });
    expect(none.body.results.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('reports a contributor reputation starting at one point', async () => {
    const res = await api.call('GET', `/api/v1/contributors/${contributorId}/reputation`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user_id: contributorId,
      overall_wilson_score: 0,
      domains: [],
      contributor_id: contributorId,
      points: 1,
      privileges: [],
      traces_contributed: 2,
    });
  });

  it('carries the request id from the gateway to the services', async () => {
    const res = await api.call('POST', '/api/v1/traces/search', { q: 'docker' }, { 'x-request-id': 'e2e-trace-42' });
    expect(res.headers.get('x-request-id')).toBe('e2e-trace-42');
    const created = await api.call('POST', '/api/v1/traces', sampleTrace(), { 'x-request-id': 'e2e-submit-7' });
    const [row] = await getStack().query<{ headers: Record<string, string> }>(
      `SELECT headers FROM outbox WHERE payload->'data'->>'trace_id' = $1 AND subject = 'ct.v1.evt.trace.created'`,
      [created.body.id],
    );
    expect(row.headers['x-request-id']).toBe('e2e-submit-7');
  });

  describe('bad input gets a 4xx problem+json with a stable code', () => {
    const expectProblem = (res: { status: number; headers: Headers; body: any }, status: number, code: string) => {
      expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code, detail: expect.any(String), type: expect.stringContaining(code) });
    };

    it('POST /keys', async () => {
      const anon = new Api(getStack().baseUrl);
      expectProblem(await anon.call('POST', '/api/v1/keys', { email: 'not-an-email' }), 400, 'validation_failed');
      expectProblem(await anon.call('POST', '/api/v1/keys', '{"name": '), 400, 'malformed_body');
    });

    it('authentication on every other route', async () => {
      const anon = new Api(getStack().baseUrl);
      expectProblem(await anon.call('POST', '/api/v1/traces', sampleTrace()), 401, 'unauthorized');
      expectProblem(await anon.call('POST', '/api/v1/traces/search', { q: 'x' }), 401, 'unauthorized');
      anon.apiKey = 'ct_' + 'A'.repeat(43);
      expectProblem(await anon.call('GET', `/api/v1/contributors/${contributorId}/reputation`), 401, 'unauthorized');
    });

    it('POST /traces', async () => {
      const missing = await api.call('POST', '/api/v1/traces', { title: 'only a title' });
      expectProblem(missing, 400, 'validation_failed');
      expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['context_text', 'solution_text']);
      const badTag = await api.call('POST', '/api/v1/traces', sampleTrace({ tags: ['ok', 'not ok!'] }));
      expectProblem(badTag, 400, 'validation_failed');
      expect(badTag.body.detail).toContain('"not ok!"');
      expectProblem(await api.call('POST', '/api/v1/traces', sampleTrace({ title: 'x'.repeat(201) })), 400, 'validation_failed');
      expectProblem(
        await api.call('POST', '/api/v1/traces', sampleTrace({ metadata_json: { big: 'x'.repeat(11_000) } })),
        400,
        'validation_failed',
      );
      expectProblem(
        await api.call('POST', '/api/v1/traces', sampleTrace({ context_text: 'x'.repeat(1_100_000) })),
        413,
        'payload_too_large',
      );
      expectProblem(await api.call('POST', '/api/v1/traces', '[1,2'), 400, 'malformed_body');
      const trace = sampleTrace();
      expect((await api.call('POST', '/api/v1/traces', trace)).status).toBe(201);
      const again = await api.call('POST', '/api/v1/traces', { ...trace, title: `  ${trace.title.toUpperCase()} ` });
      expectProblem(again, 409, 'duplicate_trace');
      expect(again.body.existing_id).toEqual(expect.any(String));
    });

    it('GET /traces/{id}', async () => {
      expectProblem(await api.call('GET', '/api/v1/traces/not-a-uuid'), 400, 'validation_failed');
      expectProblem(await api.call('GET', '/api/v1/traces/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    });

    it('POST /traces/search', async () => {
      expectProblem(await api.call('POST', '/api/v1/traces/search', {}), 400, 'validation_failed');
      expectProblem(await api.call('POST', '/api/v1/traces/search', { q: 'x', limit: 500 }), 400, 'validation_failed');
      expectProblem(await api.call('POST', '/api/v1/traces/search', { tags: 'docker' }), 400, 'validation_failed');
    });

    it('GET /contributors/{id}/reputation and unknown routes', async () => {
      expectProblem(await api.call('GET', '/api/v1/contributors/nope/reputation'), 400, 'validation_failed');
      expectProblem(
        await api.call('GET', '/api/v1/contributors/00000000-0000-4000-8000-000000000000/reputation'),
        404,
        'not_found',
      );
      expectProblem(await api.call('GET', '/api/v1/no-such-route'), 404, 'not_found');
    });
  });

  it('serves health, metrics and the OpenAPI document without a key', async () => {
    const anon = new Api(getStack().baseUrl);
    expect((await anon.call('GET', '/health/live')).status).toBe(200);
    const ready = await anon.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, bus: { status: 'up' } });
    const metrics = await anon.call('GET', '/metrics');
    expect(metrics.text).toContain('commontrace_http_request_seconds');
    const docs = await anon.call('GET', '/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/keys', '/api/v1/traces', '/api/v1/traces/search', '/api/v1/traces/{id}']),
    );
  });
}
