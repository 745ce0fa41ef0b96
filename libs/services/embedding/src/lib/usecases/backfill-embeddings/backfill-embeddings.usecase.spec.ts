import { TraceEmbedded } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { metricsRegistry } from '@commontrace/util-observability';
import { FakeEmbeddingsServer } from '@commontrace/util-testing';
import { randomBytes } from 'node:crypto';
import { EmbeddingModule } from '../../embedding.module';
import { MAX_EMBEDDING_ATTEMPTS } from '../../models/embedding-failures';
import { EmbeddingModels } from '../../models/embedding-models';
import { BackfillEmbeddingsUseCase } from './backfill-embeddings.usecase';

const SERVING = 'openai-compatible:fake-embed';
const OFFLINE = 'offline-hash-v1';

describe('BackfillEmbeddingsUseCase', () => {
  let server: FakeEmbeddingsServer;
  let h: UseCaseHarness;
  let backfill: BackfillEmbeddingsUseCase;
  let contributor: string;

  /** Traces as ingest (or an import) stored them, `ageSeconds` ago. */
  async function traces(titles: string[], ageSeconds = 3600, context = 'Seen on CI only.'): Promise<string[]> {
    const ids: string[] = [];
    for (const title of titles) {
      const [row] = await h.query<{ id: string }>(
        `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash, created_at)
         VALUES ($1, $2, 'Clear the cache and pin the version.', $3, $4, now() - make_interval(secs => $5)) RETURNING id`,
        [title, context, contributor, randomBytes(32).toString('hex'), ageSeconds],
      );
      ids.push(row.id);
    }
    return ids;
  }
  const vectorsOf = async (model: string) =>
    (await h.query<{ trace_id: string }>(`SELECT trace_id FROM trace_embeddings WHERE model = $1`, [model])).map((r) => r.trace_id);
  const serving = { graceSeconds: 0, models: 'serving', promote: false } as const;

  beforeAll(async () => {
    server = await new FakeEmbeddingsServer(32).start();
    h = await UseCaseHarness.start({
      module: EmbeddingModule,
      env: { EMBEDDING_PROVIDER: 'openai', OPENAI_BASE_URL: server.url, EMBEDDING_MODEL: 'fake-embed', EMBEDDING_MAX_RETRIES: '0', EMBEDDING_BATCH_SIZE: '3' },
    });
    backfill = h.get(BackfillEmbeddingsUseCase);
    await h.get(EmbeddingModels).registerConfigured();
    contributor = await h.account();
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('embeds a trace far over the provider\'s input limit instead of failing its batch', async () => {
    server.refuse((input) => Buffer.byteLength(input, 'utf8') > 8191);
    const [long] = await traces(['A stack trace of 40,000 characters'], 3600, 'at Object.<anonymous> (/app/src/index.js:1:1)\n'.repeat(900));
    const [result] = await backfill.execute(serving);
    expect(result).toEqual({ model: SERVING, state: 'serving', embedded: 1, failed: 0, set_aside: 0, remaining: 0 });
    expect(await vectorsOf(SERVING)).toContain(long);
    server.refuse(undefined);
  });

  it('isolates a text the provider refuses, sets it aside after repeated failures, and never blocks the others', async () => {
    server.refuse((input) => input.includes('POISON'));
    const ids = await traces(['first', 'second', 'POISON pill', 'fourth', 'fifth', 'sixth', 'seventh']);
    const poisoned = ids[2];

    const first = await backfill.execute(serving);
    expect(first).toEqual([{ model: SERVING, state: 'serving', embedded: 6, failed: 1, set_aside: 0, remaining: 1 }]);
    expect((await vectorsOf(SERVING)).filter((id) => ids.includes(id)).sort()).toEqual(ids.filter((id) => id !== poisoned).sort());

    for (let attempt = 2; attempt <= MAX_EMBEDDING_ATTEMPTS; attempt++) {
      const [run] = await backfill.execute(serving);
      expect(run).toMatchObject({ embedded: 0, failed: 1 });
    }
    const [failure] = await h.query(`SELECT attempts, last_error, set_aside_at FROM embedding_failures WHERE trace_id = $1`, [poisoned]);
    expect(failure).toEqual({ attempts: MAX_EMBEDDING_ATTEMPTS, last_error: expect.stringContaining('400'), set_aside_at: expect.any(Date) });

    // Set aside: skipped by every later run, counted, and not part of the backlog.
    const requests = server.requests.length;
    expect(await backfill.execute(serving)).toEqual([{ model: SERVING, state: 'serving', embedded: 0, failed: 0, set_aside: 1, remaining: 0 }]);
    expect(server.requests.length).toBe(requests);
    const metrics = await metricsRegistry().getSingleMetricAsString('commontrace_embedding_set_aside_total');
    expect(metrics).toContain(`model="${SERVING}"} 1`);

    // New content gets a new chance.
    server.refuse(undefined);
    await h.query(`UPDATE traces SET title = 'healed', content_hash = $2 WHERE id = $1`, [poisoned, randomBytes(32).toString('hex')]);
    expect(await backfill.execute(serving)).toEqual([{ model: SERVING, state: 'serving', embedded: 1, failed: 0, set_aside: 0, remaining: 0 }]);
    expect(await h.query(`SELECT 1 FROM embedding_failures WHERE trace_id = $1`, [poisoned])).toEqual([]);
  });

  it('stops for a model whose provider is unavailable, charging no trace, and says so', async () => {
    await traces(['written during the outage']);
    server.outage(503);
    const [result] = await backfill.execute(serving);
    expect(result).toMatchObject({ embedded: 0, failed: 0, remaining: 1, error: expect.stringContaining('provider unavailable') });
    expect(await h.query(`SELECT 1 FROM embedding_failures`)).toEqual([]);
    server.outage(undefined);
    expect((await backfill.execute(serving))[0]).toMatchObject({ embedded: 1, remaining: 0 });
  });

  it('for the serving model only, never embeds for nor promotes the model being built', async () => {
    await h.query(
      `INSERT INTO embedding_models (model, provider, provider_model, state, building_since) VALUES ($1, 'offline', $1, 'building', now())`,
      [OFFLINE],
    );
    await traces(['one more']);
    const results = await backfill.execute(serving);
    expect(results.map((r) => r.model)).toEqual([SERVING]);
    expect(await vectorsOf(OFFLINE)).toEqual([]);
    expect(await h.query(`SELECT model, state FROM embedding_models ORDER BY model`)).toEqual([
      { model: OFFLINE, state: 'building' },
      { model: SERVING, state: 'serving' },
    ]);
  });

  it('promotes a building model under steady ingest: traces newer than the build are the consumer\'s', async () => {
    // Every trace so far predates the build; one arrives a moment ago, younger than the sweep's grace.
    await h.query(`UPDATE embedding_models SET building_since = now() - interval '10 minutes' WHERE model = $1`, [OFFLINE]);
    const [fresh] = await traces(['contributed a moment ago'], 0);
    const results = await backfill.execute({ graceSeconds: 10, models: 'active', promote: true });
    const offline = results.find((r) => r.model === OFFLINE);
    expect(offline).toMatchObject({ state: 'serving', failed: 0, remaining: 1 });
    expect(await vectorsOf(OFFLINE)).not.toContain(fresh);
    expect(await h.query(`SELECT model, state FROM embedding_models ORDER BY model`)).toEqual([
      { model: OFFLINE, state: 'serving' },
      { model: SERVING, state: 'retired' },
    ]);
    const embedded = await h.events<TraceEmbedded.TraceEmbeddedEvent>(TraceEmbedded.contract.subject);
    expect(embedded.filter((e) => e.data.model === OFFLINE).length).toBe(offline?.embedded);
  });
});
