import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops `wanted_queries.searchers`: the distinct searchers of a question are counted from
 * `wanted_query_searchers` when the list is read (a page is ten rows), instead of a counter kept
 * by a second UPDATE of the row. Recording an asking becomes one statement (no transaction):
 * search records about half of its queries, so it saves four round trips each
 * (docs/decisions.md, "Wanted list"). `down` puts the counter back, counted.
 */
export class WantedSearchersCounted1765526400000 implements MigrationInterface {
  name = 'WantedSearchersCounted1765526400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wanted_queries DROP COLUMN IF EXISTS searchers`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wanted_queries ADD COLUMN searchers int NOT NULL DEFAULT 0 CHECK (searchers >= 0)`);
    await q.query(
      `UPDATE wanted_queries w SET searchers = (SELECT count(*) FROM wanted_query_searchers s WHERE s.wanted_id = w.id)`,
    );
  }
}
