import { waitFor } from '@commontrace/util-testing';
import { Api, sampleTrace } from './api';
import { Stack } from './stack';

/** What ingest guards, run against both deployment modes: secrets, personal data, duplicates. */
export function ingestRulesScenarios(getStack: () => Stack): void {
  let api: Api;

  beforeAll(async () => {
    api = new Api(getStack().baseUrl);
    await api.register('ingest-rules-agent');
  });

  it('refuses a trace that contains a credential, naming the kind and field but never the value', async () => {
    const token = 'ghp_' + 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc9';
    const res = await api.call('POST', '/api/v1/traces', sampleTrace({ solution_text: `Run it with\n\nexport GITHUB_TOKEN=${token}\nnpm publish` }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('secret_detected');
    expect(res.body.findings).toEqual([{ field: 'solution_text', kind: 'github_token' }]);
    expect(res.text).not.toContain(token);
    const stored = await getStack().query(`SELECT 1 FROM traces WHERE solution_text LIKE $1`, [`%${token}%`]);
    expect(stored).toHaveLength(0);
  });

  it('replaces personal data with placeholders and says what it replaced', async () => {
    const res = await api.call(
      'POST',
      '/api/v1/traces',
      sampleTrace({
        title: 'Webpack dev server refuses connections from another machine on the LAN',
        context_text: 'Started by jane.roe@corp.example.org in /home/jroe/app; the server at 192.0.2.15:8080 is unreachable from the phone.',
        solution_text: 'Bind to all interfaces: devServer.host = "0.0.0.0" and allow the host with allowedHosts: "all".',
        tags: ['webpack'],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.redactions).toEqual([
      { field: 'context_text', kind: 'email', count: 1 },
      { field: 'context_text', kind: 'home_directory_user', count: 1 },
      { field: 'context_text', kind: 'ip_address', count: 1 },
    ]);
    const read = await api.call('GET', `/api/v1/traces/${res.body.id}`);
    expect(read.body).toMatchObject({ language: null, framework: null });
    expect(read.body.context_text).toBe('Started by [email] in /home/[user]/app; the server at [ip]:8080 is unreachable from the phone.');
  });

  it('detects the language and framework from the text unless the metadata names them', async () => {
    const detected = await api.call(
      'POST',
      '/api/v1/traces',
      sampleTrace({
        title: 'FastAPI returns 422 for a body that pydantic v2 rejects',
        solution_text: 'Declare the field as optional:\n```python\nfrom fastapi import FastAPI\nclass Item(BaseModel):\n    note: str | None = None\n```',
        tags: ['fastapi'],
      }),
    );
    expect((await api.call('GET', `/api/v1/traces/${detected.body.id}`)).body).toMatchObject({ language: 'python', framework: 'fastapi' });
    const given = await api.call(
      'POST',
      '/api/v1/traces',
      sampleTrace({ title: 'Given stack wins over detection', metadata_json: { language: 'kotlin', framework: 'ktor' } }),
    );
    expect((await api.call('GET', `/api/v1/traces/${given.body.id}`)).body).toMatchObject({ language: 'kotlin', framework: 'ktor' });
  });

  it('does a write once per Idempotency-Key: a retry gets the first answer and stores nothing twice', async () => {
    const trace = sampleTrace({ title: 'Idempotent contribution of a trace about retries' });
    const key = `retry-${Date.now()}`;
    const first = await api.call('POST', '/api/v1/traces', trace, { 'idempotency-key': key });
    expect(first.body).toMatchObject({ status: 'pending' });
    const again = await api.call('POST', '/api/v1/traces', trace, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await getStack().query(`SELECT 1 FROM traces WHERE title = $1`, [trace.title])).toHaveLength(1);

    const reused = await api.call('POST', '/api/v1/traces', { ...trace, title: 'Another body' }, { 'idempotency-key': key });
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 422, code: 'idempotency_key_reused' });

    // A first attempt that failed stores nothing, so the same key can be used again.
    const bad = await api.call('POST', '/api/v1/traces', { title: 'x' }, { 'idempotency-key': `${key}-b` });
    expect(bad.status).toBe(400);
    const fixed = await api.call('POST', '/api/v1/traces', sampleTrace({ title: 'Fixed after a failed attempt' }), { 'idempotency-key': `${key}-b` });
    expect(fixed.body).toMatchObject({ status: 'pending' });
  });

  describe('near duplicates', () => {
    const original = {
      title: 'TypeScript cannot find module with path alias at runtime in Node',
      context_text:
        'tsc compiles fine with paths {"@app/*": ["src/*"]} in tsconfig.json, but node dist/main.js crashes with Error: Cannot find module @app/config.',
      solution_text:
        'tsc does not rewrite path aliases. Register tsconfig-paths at runtime (node -r tsconfig-paths/register) or use a bundler or tsc-alias to rewrite the imports.',
      tags: ['typescript', 'node'],
    };
    let originalId: string;

    beforeAll(async () => {
      const res = await api.call('POST', '/api/v1/traces', original);
      expect(res.status).toBe(201);
      originalId = res.body.id;
      await waitFor(async () => (await api.call('GET', `/api/v1/traces/${originalId}`)).body.has_embedding, { what: 'vector' });
    });

    const paraphrase = {
      title: 'Path alias from tsconfig not resolved at runtime by Node: Cannot find module',
      context_text:
        'With paths {"@app/*": ["src/*"]} in tsconfig.json tsc compiles, but running node dist/main.js fails with Error: Cannot find module @app/config.',
      solution_text:
        'Path aliases are not rewritten by tsc. Use tsconfig-paths at runtime (node -r tsconfig-paths/register), or rewrite the imports with tsc-alias or a bundler.',
      tags: ['typescript'],
    };

    it('refuses a paraphrase of an existing trace with 409 and the existing trace', async () => {
      const res = await api.call('POST', '/api/v1/traces', paraphrase);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'duplicate_trace', existing_id: originalId, existing_title: original.title });
      expect(res.body.similarity).toBeGreaterThan(0.8);
      expect(res.body.hint).toContain(originalId);
    });

    it('keeps a related trace about a different error', async () => {
      const res = await api.call('POST', '/api/v1/traces', {
        ...paraphrase,
        title: 'TypeScript path alias import fails in Jest: Cannot find module',
        context_text: paraphrase.context_text.replace('node dist/main.js fails with Error: Cannot find module @app/config', 'jest fails with TS2307: Cannot find module @app/config'),
        solution_text: 'Jest does not read tsconfig paths: map them in moduleNameMapper, for example with pathsToModuleNameMapper from ts-jest.',
      });
      expect(res.status).toBe(201);
    });

    it('stores a forced duplicate and links it to the existing trace', async () => {
      const res = await api.call('POST', '/api/v1/traces', { ...paraphrase, force: true });
      expect(res.status).toBe(201);
      expect(res.body.duplicate_of).toBe(originalId);
      const links = await getStack().query(`SELECT kind FROM trace_links WHERE source_id = $1 AND target_id = $2`, [res.body.id, originalId]);
      expect(links).toEqual([{ kind: 'duplicate_of' }]);
    });
  });

  describe('amendments, versions and links', () => {
    let owner: Api;
    let other: Api;
    let traceId: string;

    beforeAll(async () => {
      owner = new Api(getStack().baseUrl);
      await owner.register('owner');
      other = new Api(getStack().baseUrl);
      await other.register('other');
      const created = await owner.call('POST', '/api/v1/traces', sampleTrace({ title: 'Trace that will be amended' }));
      traceId = created.body.id;
    });

    it('takes an amendment as pending, scanned and redacted like a contribution', async () => {
      const secret = await other.call('POST', `/api/v1/traces/${traceId}/amendments`, {
        improved_solution: 'Use the key sk_live_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3',
        explanation: 'works for me',
      });
      expect({ status: secret.status, code: secret.body.code }).toEqual({ status: 422, code: 'secret_detected' });

      const res = await other.call('POST', `/api/v1/traces/${traceId}/amendments`, {
        improved_solution: 'A better fix that also covers the Windows case.',
        explanation: 'Tested by ops@corp.example.net on three machines.',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ trace_id: traceId, status: 'pending', explanation: 'Tested by [email] on three machines.' });
      expect(res.body.redactions).toEqual([{ field: 'explanation', kind: 'email', count: 1 }]);
      const list = await other.call('GET', `/api/v1/traces/${traceId}/amendments`);
      expect(list.body.amendments.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    });

    it('lets only the owner or a reviewer accept; acceptance makes a new version and keeps the old one', async () => {
      const [pending] = (await owner.call('GET', `/api/v1/traces/${traceId}/amendments`)).body.amendments;
      const denied = await other.call('POST', `/api/v1/traces/${traceId}/amendments/${pending.id}/review`, { decision: 'accept' });
      expect({ status: denied.status, code: denied.body.code }).toEqual({ status: 403, code: 'insufficient_reputation' });

      const accepted = await owner.call('POST', `/api/v1/traces/${traceId}/amendments/${pending.id}/review`, { decision: 'accept' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ version: 2, amendment: { status: 'accepted' } });

      const trace = await owner.call('GET', `/api/v1/traces/${traceId}`);
      expect(trace.body).toMatchObject({ version: 2, solution_text: 'A better fix that also covers the Windows case.' });
      const versions = await owner.call('GET', `/api/v1/traces/${traceId}/versions`);
      expect(versions.body.versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
        [2, true],
        [1, false],
      ]);
      expect(versions.body).toMatchObject({ current_version: 2, next_cursor: null });
      expect(versions.body.versions[1].solution_text).not.toBe(trace.body.solution_text);

      const again = await owner.call('POST', `/api/v1/traces/${traceId}/amendments/${pending.id}/review`, { decision: 'reject' });
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'conflict' });
      const [event] = await getStack().query<{ payload: { data: { version: number } } }>(
        `SELECT payload FROM outbox WHERE subject = 'ct.v1.evt.trace.amended' AND payload->'data'->>'trace_id' = $1`,
        [traceId],
      );
      expect(event.payload.data.version).toBe(2);
      // The new text gets a new vector from the trace.amended event.
      await waitFor(
        async () =>
          (
            await getStack().query(
              `SELECT 1 FROM trace_embeddings e JOIN traces t ON t.id = e.trace_id WHERE t.id = $1 AND e.content_hash = t.content_hash`,
              [traceId],
            )
          ).length === 1,
        { what: 'the amended trace to be embedded again' },
      );
    });

    it('links traces with who made them, and supersession marks the old trace superseded', async () => {
      const newer = await owner.call('POST', '/api/v1/traces', sampleTrace({ title: 'The newer way to do it' }));
      const denied = await other.call('POST', `/api/v1/traces/${newer.body.id}/links`, { target_id: traceId, kind: 'related' });
      expect({ status: denied.status, code: denied.body.code }).toEqual({ status: 403, code: 'insufficient_reputation' });

      const link = await owner.call('POST', `/api/v1/traces/${newer.body.id}/links`, { target_id: traceId, kind: 'supersedes' });
      expect(link.status).toBe(201);
      expect(link.body).toMatchObject({ source_id: newer.body.id, target_id: traceId, kind: 'supersedes', created_by: expect.any(String) });
      const old = await owner.call('GET', `/api/v1/traces/${traceId}`);
      expect(old.body.status).toBe('superseded');

      const twice = await owner.call('POST', `/api/v1/traces/${newer.body.id}/links`, { target_id: traceId, kind: 'supersedes' });
      expect({ status: twice.status, code: twice.body.code }).toEqual({ status: 409, code: 'conflict' });
      const self = await owner.call('POST', `/api/v1/traces/${traceId}/links`, { target_id: traceId, kind: 'related' });
      expect({ status: self.status, code: self.body.code }).toEqual({ status: 400, code: 'validation_failed' });
      const badKind = await owner.call('POST', `/api/v1/traces/${traceId}/links`, { target_id: newer.body.id, kind: 'likes' });
      expect({ status: badKind.status, code: badKind.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    });
  });

  describe('who may link: each kind x owner / privileged / other', () => {
    type Kind = 'related' | 'alternative_to' | 'contradicts' | 'duplicate_of' | 'supersedes';
    const agents: Record<'owner' | 'linker' | 'reviewer' | 'other' | 'targetOwner', Api> = {} as never;
    const ids: Record<string, string> = {};
    const newTrace = async (by: Api, title: string) => {
      const res = await by.call('POST', '/api/v1/traces', sampleTrace({ title }));
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const statusOf = async (id: string) => (await getStack().query<{ status: string }>(`SELECT status FROM traces WHERE id = $1`, [id]))[0].status;

    beforeAll(async () => {
      for (const name of ['owner', 'linker', 'reviewer', 'other', 'targetOwner'] as const) {
        agents[name] = new Api(getStack().baseUrl);
        ids[name] = (await agents[name].register(`link-${name}`)).contributor_id;
      }
      // Votes do not exist yet: the points are written where the reputation service reads them.
      await getStack().query(`INSERT INTO reputation (account_id, points) VALUES ($1, 100), ($2, 250)`, [ids['linker'], ids['reviewer']]);
    });

    /** A fresh source by `owner` and target by `targetOwner`, and the answer to `agent` linking them. */
    const attempt = async (kind: Kind, agent: Api, sourceBy = agents.owner) => {
      const source = await newTrace(sourceBy, `Link source ${kind} ${Math.random()}`);
      const target = await newTrace(agents.targetOwner, `Link target ${kind} ${Math.random()}`);
      const res = await agent.call('POST', `/api/v1/traces/${source}/links`, { target_id: target, kind });
      const stored = await getStack().query(`SELECT kind, created_by FROM trace_links WHERE source_id = $1 AND target_id = $2`, [source, target]);
      return { status: res.status, code: res.body.code as string | undefined, stored, targetStatus: await statusOf(target) };
    };

    it.each<Kind>(['related', 'alternative_to', 'contradicts'])('%s: the source owner and the link privilege (100) may; others get 403', async (kind) => {
      const byOwner = await attempt(kind, agents.owner);
      expect(byOwner).toEqual({ status: 201, code: undefined, stored: [{ kind, created_by: ids['owner'] }], targetStatus: 'pending' });
      const byLinker = await attempt(kind, agents.linker);
      expect(byLinker).toMatchObject({ status: 201, stored: [{ kind, created_by: ids['linker'] }] });
      const byOther = await attempt(kind, agents.other);
      expect(byOther).toEqual({ status: 403, code: 'insufficient_reputation', stored: [], targetStatus: 'pending' });
    });

    it("duplicate_of: the source owner and the review privilege (250) may; the target is unchanged; the link privilege is not enough", async () => {
      expect(await attempt('duplicate_of', agents.owner)).toMatchObject({ status: 201, targetStatus: 'pending' });
      expect(await attempt('duplicate_of', agents.reviewer)).toMatchObject({ status: 201, stored: [{ kind: 'duplicate_of', created_by: ids['reviewer'] }] });
      expect(await attempt('duplicate_of', agents.linker)).toMatchObject({ status: 403, code: 'insufficient_reputation', stored: [] });
      expect(await attempt('duplicate_of', agents.other)).toMatchObject({ status: 403, code: 'insufficient_reputation', stored: [] });
    });

    it("supersedes: needs the target's owner or the review privilege (250); the source's owner alone cannot supersede someone else's trace", async () => {
      // The reported hole: a link from my trace turned another account's trace superseded.
      expect(await attempt('supersedes', agents.owner)).toEqual({ status: 403, code: 'insufficient_reputation', stored: [], targetStatus: 'pending' });
      expect(await attempt('supersedes', agents.linker)).toMatchObject({ status: 403, stored: [], targetStatus: 'pending' });
      expect(await attempt('supersedes', agents.other)).toMatchObject({ status: 403, stored: [], targetStatus: 'pending' });
      expect(await attempt('supersedes', agents.reviewer)).toMatchObject({ status: 201, targetStatus: 'superseded' });
      // The owner of both traces may.
      expect(await attempt('supersedes', agents.targetOwner, agents.targetOwner)).toMatchObject({ status: 201, targetStatus: 'superseded' });
    });
  });

  describe('amendments with a base version, and paged lists', () => {
    let owner: Api;
    let author: Api;
    let traceId: string;

    beforeAll(async () => {
      owner = new Api(getStack().baseUrl);
      await owner.register('base-owner');
      author = new Api(getStack().baseUrl);
      await author.register('base-author');
      traceId = (await owner.call('POST', '/api/v1/traces', sampleTrace({ title: 'Trace amended twice from the same version' }))).body.id;
    });

    it('accepting an amendment written against an older version answers 409 stale_amendment and changes nothing', async () => {
      const propose = (improved_solution: string, extra: Record<string, unknown> = {}) =>
        author.call('POST', `/api/v1/traces/${traceId}/amendments`, { improved_solution, explanation: 'more precise', ...extra });
      const first = await propose('First improvement, written against version 1.');
      const second = await propose('Second improvement, also written against version 1.', { base_version: 1 });
      expect([first.body.base_version, second.body.base_version]).toEqual([1, 1]);

      const accepted = await owner.call('POST', `/api/v1/traces/${traceId}/amendments/${second.body.id}/review`, { decision: 'accept' });
      expect(accepted.body).toMatchObject({ version: 2 });
      const stale = await owner.call('POST', `/api/v1/traces/${traceId}/amendments/${first.body.id}/review`, { decision: 'accept' });
      expect({ status: stale.status, code: stale.body.code, base: stale.body.base_version, current: stale.body.current_version }).toEqual({
        status: 409,
        code: 'stale_amendment',
        base: 1,
        current: 2,
      });
      const trace = await owner.call('GET', `/api/v1/traces/${traceId}`);
      expect(trace.body).toMatchObject({ version: 2, solution_text: 'Second improvement, also written against version 1.' });

      const late = await propose('Written against version 1 after version 2 was accepted.', { base_version: 1 });
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'stale_amendment' });
      const future = await propose('Against a version that does not exist.', { base_version: 9 });
      expect({ status: future.status, code: future.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    });

    it('pages versions and amendments with ?limit= and ?cursor=, newest first', async () => {
      const v1 = await owner.call('GET', `/api/v1/traces/${traceId}/versions?limit=1`);
      expect(v1.body).toMatchObject({ current_version: 2, next_cursor: '2', versions: [{ version: 2, current: true }] });
      const v2 = await owner.call('GET', `/api/v1/traces/${traceId}/versions?limit=1&cursor=${v1.body.next_cursor}`);
      expect(v2.body).toMatchObject({ next_cursor: null, versions: [{ version: 1, current: false }] });

      const a1 = await owner.call('GET', `/api/v1/traces/${traceId}/amendments?limit=1`);
      expect(a1.body.amendments).toHaveLength(1);
      const rest = await owner.call('GET', `/api/v1/traces/${traceId}/amendments?limit=50&cursor=${a1.body.next_cursor}`);
      expect(rest.body.next_cursor).toBeNull();
      expect([...a1.body.amendments, ...rest.body.amendments]).toHaveLength(2);

      for (const query of ['limit=0', 'limit=51', 'limit=ten', 'cursor=abc']) {
        const bad = await owner.call('GET', `/api/v1/traces/${traceId}/versions?${query}`);
        expect({ query, status: bad.status, code: bad.body.code }).toEqual({ query, status: 400, code: 'validation_failed' });
      }
      const badCursor = await owner.call('GET', `/api/v1/traces/${traceId}/amendments?cursor=not-an-id`);
      expect({ status: badCursor.status, code: badCursor.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    });
  });

  it('serves a hidden trace by no route: read, versions, amendments, review, links and search all act as if it did not exist', async () => {
    const owner = new Api(getStack().baseUrl);
    await owner.register('hidden-owner');
    const title = 'Hidden trace about the zxqvbn tokenizer crash';
    const id = (await owner.call('POST', '/api/v1/traces', sampleTrace({ title }))).body.id;
    const other = (await owner.call('POST', '/api/v1/traces', sampleTrace({ title: 'A visible trace to link with' }))).body.id;
    // Another agent's amendment stays pending (the owner's would apply at once).
    const proposer = new Api(getStack().baseUrl);
    await proposer.register('hidden-proposer');
    const amendment = (await proposer.call('POST', `/api/v1/traces/${id}/amendments`, { improved_solution: 'better', explanation: 'why' })).body.id;
    const found = async () => (await owner.call('POST', '/api/v1/traces/search', { q: 'zxqvbn tokenizer' })).body.results.map((r: { id: string }) => r.id);
    expect(await found()).toContain(id);

    // Contributions may link each other on the way in (a close trace is linked related); the refused routes add nothing.
    const linksOf = () => getStack().query(`SELECT source_id, target_id, kind FROM trace_links WHERE source_id = $1 OR target_id = $1 ORDER BY created_at`, [id]);
    const linksBefore = await linksOf();
    await getStack().query(`UPDATE traces SET status = 'hidden' WHERE id = $1`, [id]);
    const answers = [
      await owner.call('GET', `/api/v1/traces/${id}`),
      await owner.call('GET', `/api/v1/traces/${id}/versions`),
      await owner.call('GET', `/api/v1/traces/${id}/amendments`),
      await owner.call('POST', `/api/v1/traces/${id}/amendments`, { improved_solution: 'again', explanation: 'why' }),
      await owner.call('POST', `/api/v1/traces/${id}/amendments/${amendment}/review`, { decision: 'accept' }),
      await owner.call('POST', `/api/v1/traces/${id}/links`, { target_id: other, kind: 'related' }),
      await owner.call('POST', `/api/v1/traces/${other}/links`, { target_id: id, kind: 'related' }),
    ];
    expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(answers.length).fill([404, 'not_found']));
    expect(await found()).not.toContain(id);
    expect(await linksOf()).toEqual(linksBefore);
    expect(await getStack().query(`SELECT status FROM amendments WHERE trace_id = $1`, [id])).toEqual([{ status: 'pending' }]);
  });
}
