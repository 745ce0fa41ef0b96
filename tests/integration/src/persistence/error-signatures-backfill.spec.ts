import { errorSignatures, traceSignatureText } from '@commontrace/domain-search';
import { Database, MIGRATIONS, runMigrations } from '@commontrace/persistence';
import { createTestDatabase } from '@commontrace/util-testing';

/** The error_signatures migration gives every existing trace the rows ingest would have written, batch after batch. */
describe('migration ErrorSignatures1765008000000', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;

  beforeAll(async () => {
    db = await createTestDatabase('mig-sig');
    database = await Database.open({ kind: 'postgres', url: db.url, poolSize: 2 });
    await runMigrations(database.dataSource, { lock: false });
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it('backfills the signatures of every trace, over more than one batch', async () => {
    const Migration = MIGRATIONS.find((m) => m.name === 'ErrorSignatures1765008000000');
    if (!Migration) throw new Error('migration not registered');
    const runner = database.dataSource.createQueryRunner();
    try {
      await new Migration().down(runner);
      const [account] = await runner.query(`INSERT INTO accounts DEFAULT VALUES RETURNING id`);
      // 1,200 traces: every third names a Python module error, every fifth an errno, the rest no error.
      await runner.query(
        `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash)
         SELECT 'Trace ' || i,
                CASE WHEN i % 3 = 0 THEN 'File "/srv/app' || i || '.py", line ' || i || E'\\nModuleNotFoundError: No module named ''pkg' || i || ''''
                     WHEN i % 5 = 0 THEN 'Error: connect ECONNREFUSED 10.0.0.' || (i % 250) || ':5432'
                     ELSE 'Nothing failed in run ' || i END,
                's', $1, md5(i::text) || md5(i::text)
           FROM generate_series(1, 1200) AS i`,
        [account.id],
      );
      await new Migration().up(runner);

      const traces: { id: string; title: string; context_text: string }[] = await runner.query(`SELECT id, title, context_text FROM traces`);
      const expected = traces
        .flatMap((t) => errorSignatures(traceSignatureText(t)).map((s) => `${t.id} ${s.kind} ${s.signature}`))
        .sort();
      const rows: { line: string }[] = await runner.query(`SELECT trace_id || ' ' || kind || ' ' || signature AS line FROM error_signatures`);
      expect(rows.map((r) => r.line).sort()).toEqual(expected);
      const counts = await runner.query(`SELECT signature, count(*)::int AS n FROM error_signatures GROUP BY signature ORDER BY signature`);
      expect(counts).toEqual([
        { signature: 'ECONNREFUSED', n: 160 },
        { signature: 'error: connect econnrefused <addr>', n: 160 },
        { signature: 'modulenotfounderror: no module named <str>', n: 400 },
      ]);
    } finally {
      await runner.release();
    }
  });
});
