import { randomUUID } from 'node:crypto';
import { Api } from './api';
import { Stack } from './stack';

/**
 * Search through the gateway, in both deployment modes: exact error codes first, queries full
 * of operators, filters, pages, superseded traces yielding to their successors, duplicates
 * collapsing, related traces riding along and explained scores. Each scenario tags its traces
 * with a tag of its own run, so other scenarios' traces never decide the outcome.
 */
export function searchScenarios(getStack: () => Stack): void {
  let api: Api;
  let tag: string;
  const search = (body: Record<string, unknown>) => api.call('POST', '/api/v1/traces/search', body);
  const contribute = async (trace: { title: string; context_text: string; solution_text: string; tags?: string[] }, extra: Record<string, unknown> = {}) => {
    const res = await api.call('POST', '/api/v1/traces', { ...trace, tags: [tag, ...(trace.tags ?? [])], ...extra });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body.id as string;
  };

  beforeAll(async () => {
    api = new Api(getStack().baseUrl);
    await api.register('search-e2e');
    tag = `s-${randomUUID().slice(0, 8)}`;
  });

  it('finds the trace that carries an error code first, and takes operators and punctuation as words', async () => {
    await contribute({
      title: 'Monorepo build cannot resolve a workspace package after moving it',
      context_text: 'After moving libs/util the build says it cannot find the module of the workspace package; imports look right.',
      solution_text: 'Run the package manager install again so the workspace symlinks are recreated, then rebuild.',
    });
    const coded = await contribute({
      title: 'tsc reports a missing module for a path alias',
      context_text: "src/app.ts(3,21): error TS2307: Cannot find module '@acme/util' or its corresponding type declarations.",
      solution_text: 'The package tsconfig overrides compilerOptions.paths; extend the base tsconfig and keep a single paths block.',
    });
    const byCode = await search({ q: 'getting TS2307 when building', tags: [tag] });
    expect(byCode.status).toBe(200);
    expect(byCode.body.results[0]?.id).toBe(coded);

    const noisy = await search({ q: `"TS2307" || (module) && !alias <-> paths:* -g 'unterminated \\ ; DROP TABLE traces; --`, tags: [tag] });
    expect(noisy.status).toBe(200);
    expect(noisy.body.results[0]?.id).toBe(coded);
    const onlyPunctuation = await search({ q: '!!! ||| &&& ((( ))) :* <-> "', tags: [tag] });
    expect(onlyPunctuation.status).toBe(200);
  });

  it('pages with a cursor that only continues the same search', async () => {
    for (let i = 0; i < 5; i += 1) {
      await contribute({
        title: `Nginx reverse proxy returns 502 for upstream service number ${i}`,
        context_text: `The upstream on port 80${i}0 answers locally, but nginx logs connect() failed (111: Connection refused) while connecting to upstream ${i}.`,
        solution_text: `Point proxy_pass at the container name of service ${i} instead of 127.0.0.1 and reload nginx.`,
        tags: ['nginx'],
      });
    }
    const first = await search({ q: 'nginx 502 bad gateway upstream connection refused', tags: [tag, 'nginx'], limit: 2 });
    expect(first.status).toBe(200);
    expect(first.body.results).toHaveLength(2);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await search({ q: 'nginx 502 bad gateway upstream connection refused', tags: [tag, 'nginx'], limit: 2, cursor: first.body.next_cursor });
    expect(second.status).toBe(200);
    expect(second.body.results).toHaveLength(2);
    const seen = [...first.body.results, ...second.body.results].map((r: { id: string }) => r.id);
    expect(new Set(seen).size).toBe(4);

    const other = await search({ q: 'nginx timeout', tags: [tag, 'nginx'], limit: 2, cursor: first.body.next_cursor });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    const forged = await search({ q: 'nginx', cursor: 'not-a-cursor' });
    expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 400, code: 'validation_failed' });
  });

  it('filters by language, framework and status, and refuses hidden as a status', async () => {
    const python = await contribute(
      {
        title: 'Celery worker never picks up tasks from the queue',
        context_text: 'The celery worker starts, connects to the broker, but tasks stay pending forever in the default queue.',
        solution_text: 'The task is routed to a queue the worker does not consume: start it with -Q default,emails or fix task_routes.',
      },
      { metadata_json: { language: 'python', framework: 'celery' } },
    );
    await contribute(
      {
        title: 'BullMQ worker never picks up jobs from the queue',
        context_text: 'The BullMQ worker starts and connects to Redis, but jobs stay waiting forever in the queue.',
        solution_text: 'The worker listens on another queue name or prefix than the producer: use the same name and prefix on both.',
      },
      { metadata_json: { language: 'javascript', framework: 'bullmq' } },
    );
    const q = 'worker never picks up tasks from the queue';
    const byLanguage = await search({ q, tags: [tag], language: 'python' });
    expect(byLanguage.body.results.map((r: { id: string }) => r.id)).toEqual([python]);
    expect(byLanguage.body.results[0]).toMatchObject({ language: 'python', framework: 'celery' });
    const byFramework = await search({ q, tags: [tag], framework: 'bullmq' });
    expect(byFramework.body.results.map((r: { framework: string }) => r.framework)).toEqual(['bullmq']);
    const validatedOnly = await search({ q, tags: [tag], status: ['validated'] });
    expect(validatedOnly.body.results).toEqual([]);
    const hidden = await search({ q, status: ['hidden'] });
    expect({ status: hidden.status, code: hidden.body.code }).toEqual({ status: 400, code: 'validation_failed' });
  });

  it('shows the successor in place of a superseded trace, and the old one only on request', async () => {
    const old = await contribute({
      title: 'Webpack 4 build fails with digital envelope routines unsupported on Node 17',
      context_text: 'Error: error:0308010C:digital envelope routines::unsupported when running webpack 4 on Node 17.',
      solution_text: 'Set NODE_OPTIONS=--openssl-legacy-provider before running the build.',
    });
    const newer = await contribute({
      title: 'Upgrade webpack so the build works on current Node without the legacy OpenSSL provider',
      context_text: 'Builds of old webpack 4 projects break on Node 18 and later because its hashing uses md4.',
      solution_text: 'Upgrade to webpack 5.61 or later, which ships its own md4; drop the --openssl-legacy-provider workaround.',
    });
    const link = await api.call('POST', `/api/v1/traces/${newer}/links`, { target_id: old, kind: 'supersedes' });
    expect(link.status).toBe(201);

    const q = 'error:0308010C digital envelope routines unsupported';
    const byDefault = await search({ q, tags: [tag] });
    const ids = byDefault.body.results.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(old);
    expect(byDefault.body.results[0]).toMatchObject({ id: newer, replaces: old });
    const onRequest = await search({ q, tags: [tag], status: ['superseded'] });
    expect(onRequest.body.results.map((r: { id: string }) => r.id)).toEqual([old]);
  });

  it('collapses duplicates into one result that says how many it stands for, with related traces riding along', async () => {
    const trace = {
      title: 'Terraform state lock stays held after a cancelled apply',
      context_text: 'Error acquiring the state lock: ConditionalCheckFailedException; a cancelled CI run left the DynamoDB lock behind.',
      solution_text: 'Check that no run is active, then terraform force-unlock LOCK_ID with the id from the error message.',
    };
    const original = await contribute(trace);
    const duplicate = await contribute(trace, { force: true });
    const related = await contribute({
      title: 'Terraform backend migration to a new S3 bucket',
      context_text: 'Moving the terraform backend to another bucket asks whether to copy the existing state.',
      solution_text: 'Run terraform init -migrate-state after changing the backend block, and answer yes to copy the state.',
    });
    // Linked from both copies: whichever of them leads carries it.
    for (const source of [original, duplicate]) {
      expect((await api.call('POST', `/api/v1/traces/${source}/links`, { target_id: related, kind: 'related' })).status).toBe(201);
    }

    const res = await search({ q: 'terraform state lock ConditionalCheckFailedException after cancelled run', tags: [tag], explain: true });
    expect(res.status).toBe(200);
    const hits = res.body.results.filter((r: { id: string }) => r.id === original || r.id === duplicate);
    expect(hits).toHaveLength(1);
    expect(hits[0].stands_for).toBe(2);
    const top = res.body.results[0];
    expect([original, duplicate]).toContain(top.id);
    expect(top.related).toEqual([{ id: related, title: expect.any(String), kind: 'related' }]);
    expect(top.explanation.fusion).toEqual(expect.any(Number));
    expect(top.explanation.final).toBeCloseTo(top.score, 5);
    expect(Object.keys(top.explanation.factors).sort()).toEqual(['context', 'freshness', 'status', 'trust']);

    const compact = await search({ q: 'terraform state lock', tags: [tag] });
    expect(compact.body.results[0].explanation).toBeUndefined();
    expect(compact.body.results[0].context_text).toBeUndefined();
  });
}
