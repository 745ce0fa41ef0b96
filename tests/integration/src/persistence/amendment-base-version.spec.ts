import { Database, MIGRATIONS, runMigrations } from '@commontrace/persistence';
import { createTestDatabase } from '@commontrace/util-testing';

/** The base_version migration gives existing amendments the version that was current when they were proposed. */
describe('migration AmendmentBaseVersion1764489600000', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;

  beforeAll(async () => {
    db = await createTestDatabase('mig-base');
    database = await Database.open({ kind: 'postgres', url: db.url, poolSize: 2 });
    await runMigrations(database.dataSource, { lock: false });
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it('backfills 1 + the amendments accepted before each one was proposed', async () => {
    const Migration = MIGRATIONS.find((m) => m.name === 'AmendmentBaseVersion1764489600000');
    if (!Migration) throw new Error('migration not registered');
    const runner = database.dataSource.createQueryRunner();
    try {
      await new Migration().down(runner);
      const q = (sql: string, params?: unknown[]) => runner.query(sql, params);
      const [account] = await q(`INSERT INTO accounts DEFAULT VALUES RETURNING id`);
      const [trace] = await q(
        `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash, version) VALUES ('t', 'c', 's', $1, repeat('b', 64), 3) RETURNING id`,
        [account.id],
      );
      // Proposed 4, 3, 2 and 1 hours ago; the first and the third were accepted, half an hour after each was proposed.
      const rows = [
        ['accepted', '4 hours', '3.5 hours'],
        ['rejected', '3 hours', '2.9 hours'],
        ['accepted', '2 hours', '1.5 hours'],
        ['pending', '1 hour', null],
      ];
      const ids: string[] = [];
      for (const [status, created, reviewed] of rows) {
        const [row] = await q(
          `INSERT INTO amendments (trace_id, author_id, improved_solution, explanation, status, created_at, reviewed_at)
           VALUES ($1, $2, 's', 'e', $3, now() - $4::interval, now() - $5::interval) RETURNING id`,
          [trace.id, account.id, status, created, reviewed],
        );
        ids.push(row.id);
      }
      await new Migration().up(runner);
      const after = await q(`SELECT id, base_version FROM amendments ORDER BY created_at`);
      expect(after).toEqual(ids.map((id, i) => ({ id, base_version: [1, 2, 2, 3][i] })));
    } finally {
      await runner.release();
    }
  });
});
