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

  it('creates the HNSW cosine index, the GIN indexes and the generated tsvector column', async () => {
    const q = opened[0].dataSource;
    const indexes: { indexname: string; indexdef: string }[] = await q.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const def = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef ?? '';
    expect(def('trace_embeddings_hnsw_idx')).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
    expect(def('traces_search_vector_idx')).toMatch(/USING gin \(search_vector\)/);
    expect(def('traces_tags_idx')).toMatch(/USING gin \(tags\)/);
    expect(def('wanted_queries_terms_idx')).toMatch(/USING gin \(terms\)/);

    const [account] = await q.query(`INSERT INTO accounts DEFAULT VALUES RETURNING id`);
    await q.query(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash)
       VALUES ('Webpack build runs out of memory', 'JavaScript heap out of memory', 'Raise --max-old-space-size', '{webpack}', $1, repeat('a', 64))`,
      [account.id],
    );
    const [hit] = await q.query(
      `SELECT title FROM traces WHERE search_vector @@ websearch_to_tsquery('english', 'heap memory webpack')`,
    );
    expect(hit.title).toBe('Webpack build runs out of memory');
  });

  it('can be rolled back and applied again', async () => {
    const ds = opened[0].dataSource;
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'all' });
    expect(await ds.query(`SELECT to_regclass('public.traces') AS t`)).toEqual([{ t: null }]);
    expect(await runMigrations(ds, { lock: true })).toHaveLength(MIGRATIONS.length);
  });
});
