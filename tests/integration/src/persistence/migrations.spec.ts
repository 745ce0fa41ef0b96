import { Database, MIGRATIONS, runMigrations } from '@commontrace/persistence';
import { createTestDatabase } from '@commontrace/util-testing';

describe('migrations on PostgreSQL with pgvector', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const opened: Database[] = [];
  const open = async () => {
    const d = await Database.open({ kind: 'postgres', url: db.url, poolSize: 3 });
    opened.push(d);
    return d;
  };

  beforeAll(async () => {
    db = await createTestDatabase('mig');
  });
  afterAll(async () => {
    for (const d of opened) await d.close();
    await db.drop();
  });

  it('applies every migration exactly once when several migrators start together', async () => {
    const [a, b, c] = await Promise.all([open(), open(), open()]);
    const results = await Promise.all([a, b, c].map((d) => runMigrations(d.dataSource, { lock: true })));
    expect(results.flat()).toEqual(MIGRATIONS.map((m) => new m().name));
    const applied = await a.dataSource.query(`SELECT name FROM migrations`);
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await runMigrations(a.dataSource, { lock: true })).toEqual([]);
  });

  it('leaves nothing for TypeORM to synchronize: the entities mirror the hand-written schema', async () => {
    const d = opened[0];
    const pending = await d.dataSource.driver.createSchemaBuilder().log();
    // Foreign keys, CHECK constraints and partial indexes are declared only in the migrations.
    const sqlOnly = /DROP CONSTRAINT "\w+_(fkey|check)"|DROP INDEX "public"\."(outbox_unsent_idx|embedding_models_one_serving_idx|flags_open_idx|wanted_queries_open_idx|wanted_queries_answered_idx)"/;
    expect(pending.upQueries.map((q) => q.query).filter((sql) => !sqlOnly.test(sql))).toEqual([]);
  });

  it('creates the HNSW cosine index and the GIN indexes, and no longer the unread tsvector column', async () => {
    const q = opened[0].dataSource;
    const indexes: { indexname: string; indexdef: string }[] = await q.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const def = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef ?? '';
    expect(def('trace_embeddings_hnsw_idx')).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
    expect(def('traces_search_vector_idx')).toBe('');
    expect(def('traces_tags_idx')).toMatch(/USING gin \(tags\)/);
    expect(def('wanted_queries_terms_idx')).toMatch(/USING gin \(terms\)/);

    const columns: { column_name: string }[] = await q.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'traces' AND column_name = 'search_vector'`,
    );
    expect(columns).toEqual([]);
  });

  it('can be rolled back and applied again', async () => {
    const ds = opened[0].dataSource;
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'all' });
    expect(await ds.query(`SELECT to_regclass('public.traces') AS t`)).toEqual([{ t: null }]);
    expect(await runMigrations(ds, { lock: true })).toHaveLength(MIGRATIONS.length);
  });
});
