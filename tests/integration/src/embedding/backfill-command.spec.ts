import { Database, runMigrations } from '@commontrace/persistence';
import { runCommand } from '@commontrace/runtime';
import { backfillCommand, EmbeddingModule } from '@commontrace/service-embedding';
import { validateEnv } from '@commontrace/util-config';
import { createTestDatabase, FakeEmbeddingsServer, resetJetStream, TEST_NATS_URL } from '@commontrace/util-testing';

const SERVING = 'openai-compatible:fake-embed';

describe('the backfill command of the embedding service', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let direct: Database;
  let server: FakeEmbeddingsServer;
  let account: string;
  let imported = 0;

  /** Traces imported straight into the database, without vectors. */
  async function importTraces(n: number): Promise<void> {
    for (let i = 0; i < n; i++, imported++) {
      await direct.dataSource.query(
        `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash)
         VALUES ($1, 'context', 'solution', $2, lpad(to_hex($3::int), 64, '0'))`,
        [`Imported without vectors ${imported}`, account, imported],
      );
    }
  }
  const count = async (sql: string, params: unknown[] = []) => (await direct.dataSource.query(sql, params))[0].n as number;
  const unsentEvents = () => count(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`);

  beforeAll(async () => {
    await resetJetStream(TEST_NATS_URL);
    server = await new FakeEmbeddingsServer(16).start();
    db = await createTestDatabase('backfill');
    direct = await Database.open({ kind: 'postgres', url: db.url, poolSize: 2 });
    await runMigrations(direct.dataSource, { lock: true });
    [{ id: account }] = await direct.dataSource.query(`INSERT INTO accounts DEFAULT VALUES RETURNING id`);
    // The deployment serves queries with a model of an OpenAI-compatible server.
    await direct.dataSource.query(
      `INSERT INTO embedding_models (model, provider, provider_model, state, serving_since)
       VALUES ($1, 'openai-compatible', 'fake-embed', 'serving', now())`,
      [SERVING],
    );
  });
  afterAll(async () => {
    await direct?.close();
    await db?.drop();
    await server?.close();
  });

  // Run as the README says, with the environment's default provider (offline), not the serving one.
  const env = () =>
    validateEnv({ LOG_LEVEL: 'warn', DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL, EMBEDDING_BATCH_SIZE: '3', OPENAI_BASE_URL: server.url });
  const run = (...args: string[]) =>
    runCommand({ service: 'embedding-backfill', env: env(), features: [EmbeddingModule], relay: true }, (app) => backfillCommand(app, args));

  it('embeds for the serving model only, registers and promotes nothing, and publishes every event before it exits', async () => {
    // Each run has new traces; every run must leave no event unsent (the flake of issue 15).
    for (let round = 0; round < 5; round++) {
      await importTraces(7);
      expect(await run()).toEqual([{ model: SERVING, state: 'serving', embedded: 7, failed: 0, set_aside: 0, remaining: 0 }]);
      expect(await unsentEvents()).toBe(0);
    }
    expect(await count(`SELECT count(*)::int AS n FROM trace_embeddings WHERE model = $1`, [SERVING])).toBe(imported);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE subject = 'ct.v1.evt.trace.embedded'`)).toBe(imported);
    expect(await direct.dataSource.query(`SELECT model, state FROM embedding_models`)).toEqual([{ model: SERVING, state: 'serving' }]);

    expect(await run()).toEqual([{ model: SERVING, state: 'serving', embedded: 0, failed: 0, set_aside: 0, remaining: 0 }]);
  });

  it('with --build-configured, builds the configured model and lets it take over once complete', async () => {
    const results = await run('--build-configured');
    expect(results).toEqual([
      { model: SERVING, state: 'serving', embedded: 0, failed: 0, set_aside: 0, remaining: 0 },
      { model: 'offline-hash-v1', state: 'serving', embedded: imported, failed: 0, set_aside: 0, remaining: 0 },
    ]);
    expect(await direct.dataSource.query(`SELECT model, state FROM embedding_models ORDER BY model`)).toEqual([
      { model: 'offline-hash-v1', state: 'serving' },
      { model: SERVING, state: 'retired' },
    ]);
    expect(await unsentEvents()).toBe(0);
  });

  it('refuses an argument it does not know', async () => {
    await expect(run('--promote-everything')).rejects.toThrow(/unknown argument/);
  });

  it('says what to do when no model serves yet, and registers none', async () => {
    await direct.dataSource.query(`DELETE FROM embedding_models`);
    await expect(run()).rejects.toThrow(/no embedding model serves queries yet/);
    expect(await direct.dataSource.query(`SELECT model FROM embedding_models`)).toEqual([]);
  });
});
