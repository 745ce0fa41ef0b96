import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The wanted list (owned by search): questions that searches left open, aggregated by their
 * normalized key, with how often and by how many searchers they were asked, and the trace that
 * answered them. `terms` (the distinctive terms) has a GIN index: a new trace looks up the open
 * questions it may answer by term overlap. `wanted_query_searchers` holds only a SHA-256 of
 * each searcher per question, to count distinct searchers.
 */
export class WantedQueries1765094400000 implements MigrationInterface {
  name = 'WantedQueries1765094400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE wanted_queries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        normalized_query text NOT NULL,
        display_text text NOT NULL,
        terms text[] NOT NULL DEFAULT '{}',
        count int NOT NULL DEFAULT 1 CHECK (count >= 1),
        searchers int NOT NULL DEFAULT 0 CHECK (searchers >= 0),
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        answered_by uuid REFERENCES traces(id) ON DELETE SET NULL,
        answered_at timestamptz,
        CONSTRAINT wanted_queries_normalized_query_key UNIQUE (normalized_query)
      )`);
    await q.query(`CREATE INDEX wanted_queries_terms_idx ON wanted_queries USING gin (terms)`);
    await q.query(`CREATE INDEX wanted_queries_open_idx ON wanted_queries (count DESC, last_seen_at DESC, id DESC) WHERE answered_at IS NULL`);
    await q.query(`CREATE INDEX wanted_queries_answered_idx ON wanted_queries (count DESC, last_seen_at DESC, id DESC) WHERE answered_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE wanted_query_searchers (
        wanted_id uuid NOT NULL REFERENCES wanted_queries(id) ON DELETE CASCADE,
        searcher_hash char(64) NOT NULL,
        PRIMARY KEY (wanted_id, searcher_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS wanted_query_searchers`);
    await q.query(`DROP TABLE IF EXISTS wanted_queries`);
  }
}
