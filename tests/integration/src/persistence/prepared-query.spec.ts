import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, preparedQuery, statementName } from '@commontrace/persistence';
import { createTestDatabase } from '@commontrace/util-testing';
import { QueryFailedError, QueryRunner } from 'typeorm';

const TEXT = `SELECT n, n * $2::int AS times FROM generate_series(1, $1::int) AS n ORDER BY n`;

describe('statementName', () => {
  it('names a text the same way every time, and two texts two ways', () => {
    expect(statementName(TEXT)).toBe(statementName(TEXT));
    expect(statementName(TEXT)).toMatch(/^ct_[0-9a-f]{20}$/);
    expect(statementName(`${TEXT} `)).not.toBe(statementName(TEXT));
  });
});

/** The same expectations over PostgreSQL and PGlite: one pinned connection, so its prepared statements can be listed. */
function preparedQueryContract(name: string, table: string, open: () => Promise<{ database: Database; cleanup: () => Promise<void> }>) {
  describe(`preparedQuery over ${name}`, () => {
    let database: Database;
    let cleanup: () => Promise<void>;
    let runner: QueryRunner;

    beforeAll(async () => {
      ({ database, cleanup } = await open());
      runner = database.dataSource.createQueryRunner();
      await runner.connect();
    });

    afterAll(async () => {
      await runner.release();
      await database.close();
      await cleanup();
    });

    const prepared = async () =>
      (await runner.manager.query(`SELECT name FROM pg_prepared_statements WHERE name = $1`, [statementName(TEXT)])).length;

    it('answers the rows m.query answers, and leaves the statement prepared on the connection for the next call', async () => {
      expect(await prepared()).toBe(0);
      const first = await preparedQuery(runner.manager, TEXT, [3, 10]);
      expect(first).toEqual(await runner.manager.query(TEXT, [3, 10]));
      expect(first).toEqual([
        { n: 1, times: 10 },
        { n: 2, times: 20 },
        { n: 3, times: 30 },
      ]);
      expect(await prepared()).toBe(1);
      // Other parameters, the same statement.
      expect(await preparedQuery(runner.manager, TEXT, [1, 7])).toEqual([{ n: 1, times: 7 }]);
      expect(await prepared()).toBe(1);
    });

    it("fails as m.query fails: TypeORM's QueryFailedError, and the connection goes on", async () => {
      await expect(preparedQuery(runner.manager, `SELECT 1 / $1::int AS x`, [0])).rejects.toBeInstanceOf(QueryFailedError);
      expect(await preparedQuery(runner.manager, `SELECT 1 / $1::int AS x`, [1])).toEqual([{ x: 1 }]);
    });

    it('answers when a schema change broke the prepared form: the text runs unnamed from then on', async () => {
      const m = runner.manager;
      // A table per contract: the texts that fell back are remembered per process.
      await m.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label text)`);
      await m.query(`INSERT INTO ${table} VALUES (1, 'one')`);
      const text = `SELECT * FROM ${table} WHERE id = $1::int`;
      expect(await preparedQuery(m, text, [1])).toEqual([{ id: 1, label: 'one' }]);
      await m.query(`ALTER TABLE ${table} ALTER COLUMN label TYPE varchar(10)`);
      await m.query(`ALTER TABLE ${table} ADD COLUMN extra int DEFAULT 7`);
      // The plain prepared statement is refused now, on this connection…
      await expect(m.query({ name: statementName(text), text } as unknown as string, [1])).rejects.toThrow(/cached plan must not change result type/);
      // …and preparedQuery answers anyway, with the new shape.
      expect(await preparedQuery(m, text, [1])).toEqual([{ id: 1, label: 'one', extra: 7 }]);
      expect(await preparedQuery(m, text, [1])).toEqual([{ id: 1, label: 'one', extra: 7 }]);
    });
  });
}

preparedQueryContract('PostgreSQL', 'prep_shape_pg', async () => {
  const db = await createTestDatabase('prep');
  const database = await Database.open({ kind: 'postgres', url: db.url });
  return { database, cleanup: () => db.drop() };
});

preparedQueryContract('PGlite', 'prep_shape_lite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ct-prep-'));
  const database = await Database.open({ kind: 'embedded', dataDir: dir });
  return { database, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
