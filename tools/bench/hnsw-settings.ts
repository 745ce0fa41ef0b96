/**
 * What the HNSW index costs PostgreSQL per contribution, and what its settings trade: CPU of one
 * vector insert and of ingest's neighbour query (K = 5), and the query's recall@5 against an
 * exact scan, at `ef_construction` 64 (pgvector's default, the migration's) and 32, `ef_search`
 * 40 (default) and 20. CPU is read from /proc for the database backend, so it holds under load.
 *
 * Run: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/hnsw-settings.ts
 *   HNSW_STORED            traces stored (default 100000)
 *   HNSW_EF_CONSTRUCTION   index settings to compare (default 64,32)
 *   TEST_POSTGRES_URL      the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { contentHash, traceText } from '@commontrace/domain-traces';
import { Database, runMigrations, toVectorLiteral } from '@commontrace/persistence';
import { createTestDatabase } from '@commontrace/util-testing';
import { realisticTrace } from './realistic-traces';

const STORED = Number(process.env['HNSW_STORED'] ?? 100_000);
const EF_CONSTRUCTION = (process.env['HNSW_EF_CONSTRUCTION'] ?? '64,32').split(',').map(Number);
const QUERIES = 300;
const RECALL_QUERIES = 30;
const K = 5;
const NEIGHBOURS = `SELECT e.trace_id FROM trace_embeddings e JOIN traces t ON t.id = e.trace_id
  WHERE e.model = $1 AND t.status <> 'hidden' ORDER BY e.embedding <=> $2::vector LIMIT ${K}`;

const vectorOf = (seed: number) => toVectorLiteral(hashingEmbed(traceText(realisticTrace(seed))));

async function fill(db: Client, contributor: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < STORED; start += 500) {
    const traces = Array.from({ length: Math.min(500, STORED - start) }, (_, i) => realisticTrace(start + i));
    const hashes = traces.map(contentHash);
    const { rows } = await db.query<{ id: string; content_hash: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status)
       SELECT t.a, t.b, t.c, string_to_array(t.d, ','), $5, t.h, 'pending'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::text[]) AS t(a, b, c, d, h)
       RETURNING id, content_hash`,
      [traces.map((t) => t.title), traces.map((t) => t.context_text), traces.map((t) => t.solution_text), traces.map((t) => t.tags.join(',')), contributor, hashes],
    );
    const idByHash = new Map(rows.map((r) => [r.content_hash.trim(), r.id]));
    ids.push(...rows.map((r) => r.id));
    await db.query(
      `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
       SELECT e.id::uuid, $3, 'offline', $4, e.v::vector, e.h FROM unnest($1::text[], $2::text[], $5::text[]) AS e(id, v, h)`,
      [hashes.map((h) => idByHash.get(h)), traces.map((t) => toVectorLiteral(hashingEmbed(traceText(t)))), HASHING_MODEL_ID, HASHING_DIMENSIONS, hashes],
    );
  }
  return ids;
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_hnsw');
  const migrator = await Database.open({ kind: 'postgres', url: database.url, poolSize: 1 });
  await runMigrations(migrator.dataSource, { lock: false });
  await migrator.close();
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    const pid = (await db.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
    const cpuMs = () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    };
    const [{ id: contributor }] = (await db.query(`INSERT INTO accounts (name) VALUES ('bench') RETURNING id`)).rows;
    await db.query(`DROP INDEX trace_embeddings_hnsw_idx`);
    const ids = await fill(db, contributor);
    await db.query(`SET maintenance_work_mem = '2GB'`);
    console.log('| stored | ef_construction | insert ms | query ms, ef_search 40 | recall@5 | query ms, ef_search 20 | recall@5 |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|');
    for (const efc of EF_CONSTRUCTION) {
      await db.query(`DROP INDEX IF EXISTS trace_embeddings_hnsw_idx`);
      await db.query(`CREATE INDEX trace_embeddings_hnsw_idx ON trace_embeddings USING hnsw (embedding vector_cosine_ops) WITH (ef_construction = ${efc})`);
      await db.query(`ANALYZE`);
      const cells: string[] = [];
      let seed = 5_000_000;
      for (const ef of [40, 20]) {
        let found = 0;
        let exactCpu = 0;
        const started = cpuMs();
        for (let i = 0; i < QUERIES; i++) {
          await db.query('BEGIN');
          await db.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
          await db.query(`SET LOCAL hnsw.ef_search = ${ef}`);
          const vector = vectorOf(seed++);
          const approximate = await db.query<{ trace_id: string }>(NEIGHBOURS, [HASHING_MODEL_ID, vector]);
          await db.query('COMMIT');
          if (i >= RECALL_QUERIES) continue;
          // The exact answer, by a sequential scan (its CPU is taken out of the query's).
          const paused = cpuMs();
          await db.query('BEGIN');
          await db.query(`SET LOCAL enable_indexscan = off`);
          const exact = await db.query<{ trace_id: string }>(NEIGHBOURS, [HASHING_MODEL_ID, vector]);
          await db.query('COMMIT');
          const got = new Set(approximate.rows.map((r) => r.trace_id));
          found += exact.rows.filter((r) => got.has(r.trace_id)).length;
          exactCpu += cpuMs() - paused;
        }
        cells.push(((cpuMs() - started - exactCpu) / QUERIES).toFixed(2), (found / (RECALL_QUERIES * K)).toFixed(2));
      }
      const before = cpuMs();
      for (let i = 0; i < QUERIES; i++) {
        await db.query(
          `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash) VALUES ($1, 'bench-other', 'offline', $3, $2, $4)`,
          [ids[i], vectorOf(7_000_000 + i), HASHING_DIMENSIONS, 'x'.repeat(64)],
        );
      }
      const insert = ((cpuMs() - before) / QUERIES).toFixed(2);
      await db.query(`DELETE FROM trace_embeddings WHERE model = 'bench-other'`);
      console.log(`| ${STORED.toLocaleString('en')} | ${efc} | ${insert} | ${cells.join(' | ')} |`);
    }
  } finally {
    await db.end();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
