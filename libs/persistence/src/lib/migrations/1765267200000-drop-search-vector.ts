import { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_VECTOR =
  "setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', ct_tags_text(tags)), 'A') || " +
  "setweight(to_tsvector('english', context_text), 'B') || setweight(to_tsvector('english', solution_text), 'C')";

/**
 * Drops `traces.search_vector` (a generated tsvector) and its GIN index. Search ranks full text
 * with BM25 over the lexical index that ingest writes (migration 1764921600000), so nothing reads
 * the column any more, while every insert and amendment still paid for parsing the whole text
 * and updating the GIN index. `down` puts both back.
 */
export class DropSearchVector1765267200000 implements MigrationInterface {
  name = 'DropSearchVector1765267200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS traces_search_vector_idx`);
    await q.query(`ALTER TABLE traces DROP COLUMN IF EXISTS search_vector`);
    await q.query(`DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'traces' AND "name" = 'search_vector'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE traces ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR}) STORED`);
    await q.query(
      `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
       VALUES ('GENERATED_COLUMN', current_database(), current_schema(), 'traces', 'search_vector', $1)`,
      [SEARCH_VECTOR],
    );
    await q.query(`CREATE INDEX traces_search_vector_idx ON traces USING gin (search_vector)`);
  }
}
