import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Traces the embedding provider failed on, per model, so that one bad text is tried a few
 * times and then set aside instead of failing every sweep; and when a model started building,
 * which decides what it must cover before it may serve.
 */
export class EmbeddingFailures1764662400000 implements MigrationInterface {
  name = 'EmbeddingFailures1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE embedding_failures (
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        model text NOT NULL,
        content_hash char(64) NOT NULL,
        attempts int NOT NULL,
        last_error text NOT NULL,
        first_failed_at timestamptz NOT NULL DEFAULT now(),
        last_failed_at timestamptz NOT NULL DEFAULT now(),
        set_aside_at timestamptz,
        PRIMARY KEY (trace_id, model)
      )`);
    await q.query(`ALTER TABLE embedding_models ADD COLUMN building_since timestamptz`);
    await q.query(`UPDATE embedding_models SET building_since = created_at WHERE state = 'building'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE embedding_models DROP COLUMN IF EXISTS building_since`);
    await q.query(`DROP TABLE IF EXISTS embedding_failures`);
  }
}
