import { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry of embedding models, for background re-embedding when the model changes. */
export class EmbeddingModels1764316800000 implements MigrationInterface {
  name = 'EmbeddingModels1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE embedding_models (
        model text PRIMARY KEY,
        provider text NOT NULL,
        provider_model text NOT NULL,
        requested_dimensions int,
        state text NOT NULL CHECK (state IN ('building', 'serving', 'retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        serving_since timestamptz
      )`);
    // At most one model serves queries.
    await q.query(`CREATE UNIQUE INDEX embedding_models_one_serving_idx ON embedding_models (state) WHERE state = 'serving'`);
    await q.query(`CREATE INDEX trace_embeddings_model_idx ON trace_embeddings (model)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS trace_embeddings_model_idx`);
    await q.query(`DROP TABLE IF EXISTS embedding_models`);
  }
}
