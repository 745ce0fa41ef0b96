import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebuilds the HNSW index of trace vectors with `ef_construction = 200` (pgvector's default,
 * 64, before). The offline hashing vectors of generated and real traces form dense clusters of
 * near-identical texts, and a graph built with a narrow candidate list links too few of them
 * to the rest: at 100k traces the vector query found about 0.8 of the exact top 10 for
 * agent-style queries and under 0.5 for queries whose answers lie outside the clusters, at
 * any `hnsw.ef_search` that keeps it fast (docs/benchmarks.md, "Search speed";
 * docs/decisions.md, "HNSW search width and graph"). Building costs more (about 2.5× the time
 * at 100k), and so does each insert; the index's size is unchanged (it depends on `m`).
 *
 * The rebuild reads every vector once: on a large table this migration takes minutes, with
 * writes to trace_embeddings blocked meanwhile.
 */
export class HnswEfConstruction1765180800000 implements MigrationInterface {
  name = 'HnswEfConstruction1765180800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS trace_embeddings_hnsw_idx`);
    await q.query(`CREATE INDEX trace_embeddings_hnsw_idx ON trace_embeddings USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS trace_embeddings_hnsw_idx`);
    await q.query(`CREATE INDEX trace_embeddings_hnsw_idx ON trace_embeddings USING hnsw (embedding vector_cosine_ops)`);
  }
}
