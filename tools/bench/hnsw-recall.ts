/**
 * How the HNSW index's build parameters and search width trade recall for time, on the search
 * benchmark's corpus: recall@10 (against an exact scan) and milliseconds per query of the vector
 * query as nearestNeighbours runs it (K = 50, iterative scan in relaxed order), for each index
 * build (`type:m:ef_construction`) and each `hnsw.ef_search`, over 200 agent-style queries
 * (agentQuery) and the search evaluation's 201 seed-set queries.
 *
 * The database (`bench_hnsw_recall_<size>`: the seed corpus and `variedTrace` 0 … size−1 with
 * their offline vectors) and the exact answers (in $TMPDIR) are kept between runs, since
 * filling 100k traces and scanning them exactly 401 times take several minutes each; the index
 * is rebuilt for each configuration. Drop the database when done: HNSW_DROP=1.
 *
 * Run: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/hnsw-recall.ts
 *   HNSW_STORED      generated traces (default 100000)
 *   HNSW_CONFIGS     index builds, e.g. vector:16:64,vector:16:200,vector:32:128 (default vector:16:64,vector:16:200)
 *   HNSW_EF_SEARCH   search widths (default 40,100,200,400)
 *   HNSW_K           LIMITs (default 50)
 *   TEST_POSTGRES_URL the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { contentHash, traceText } from '@commontrace/domain-traces';
import { Database, runMigrations, toVectorLiteral } from '@commontrace/persistence';
import { seedSet } from '../eval/search/sets';
import { agentQuery, GeneratedTrace, variedTrace } from './realistic-traces';

const SIZE = Number(process.env['HNSW_STORED'] ?? 100000);
const NAME = `bench_hnsw_recall_${SIZE}`;
const SERVER = new URL(process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const urlOf = (database: string) => Object.assign(new URL(SERVER), { pathname: `/${database}` }).toString();
const CONFIGS = (process.env['HNSW_CONFIGS'] ?? 'vector:16:64,vector:16:200').split(',');
const EFS = (process.env['HNSW_EF_SEARCH'] ?? '40,100,200,400').split(',').map(Number);
const KS = (process.env['HNSW_K'] ?? '50').split(',').map(Number);

async function main() {
  const admin = new Client({ connectionString: SERVER.toString() });
  await admin.connect();
  if (process.env['HNSW_DROP'] === '1') {
    await admin.query(`DROP DATABASE IF EXISTS ${NAME}`);
    rmSync(join(tmpdir(), `${NAME}-exact.json`), { force: true });
    await admin.end();
    return;
  }
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [NAME])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${NAME}`);
  await admin.end();
  const url = urlOf(NAME);
  const db = new Client({ connectionString: url });
  await db.connect();
  if (!exists) {
    const m = await Database.open({ kind: 'postgres', url, poolSize: 1 });
    await runMigrations(m.dataSource, { lock: false });
    await m.close();
    const [{ id: contributor }] = (await db.query(`INSERT INTO accounts (name) VALUES ('x') RETURNING id`)).rows;
    await db.query(`DROP INDEX trace_embeddings_hnsw_idx`);
    const all: GeneratedTrace[] = seedSet().corpus.map((t) => ({ title: t.title, context_text: t.context_text, solution_text: t.solution_text, tags: t.tags ?? [] }));
    for (let i = 0; i < SIZE; i++) all.push(variedTrace(i));
    for (let s = 0; s < all.length; s += 500) {
      const b = all.slice(s, s + 500);
      const h = b.map(contentHash);
      await db.query(
        `WITH t AS (INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status)
           SELECT d.a, d.b, d.c, string_to_array(d.d, ','), $5, d.h, 'pending' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::text[]) AS d(a, b, c, d, h) RETURNING id, content_hash)
         INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
         SELECT t.id, $7, 'offline', $8, v.v::vector, v.h FROM t JOIN unnest($6::text[], $9::text[]) AS v(h, v) ON v.h = t.content_hash`,
        [b.map((t) => t.title), b.map((t) => t.context_text), b.map((t) => t.solution_text), b.map((t) => t.tags.join(',')), contributor, h, HASHING_MODEL_ID, HASHING_DIMENSIONS, b.map((t) => toVectorLiteral(hashingEmbed(traceText(t))))],
      );
    }
    await db.query(`VACUUM ANALYZE traces`);
    await db.query(`VACUUM ANALYZE trace_embeddings`);
    console.log('loaded');
  }
  const sets = {
    agent: Array.from({ length: 200 }, (_, i) => agentQuery(Math.floor(((i + 50021) * 7919) % SIZE)).q),
    seed: seedSet().queries.map((q) => q.q),
  };
  const cache = join(tmpdir(), `${NAME}-exact.json`);
  let exact: Record<string, { ids: string[]; floor: number }[]>;
  if (existsSync(cache)) exact = JSON.parse(readFileSync(cache, 'utf8'));
  else {
    exact = {};
    await db.query(`DROP INDEX IF EXISTS trace_embeddings_hnsw_idx`);
    for (const [name, qs] of Object.entries(sets)) {
      exact[name] = [];
      for (const q of qs) {
        const rows = (await db.query(`SELECT e.trace_id, 1 - (e.embedding <=> $1::vector) AS s FROM trace_embeddings e ORDER BY e.embedding <=> $1::vector LIMIT 10`, [toVectorLiteral(hashingEmbed(q))])).rows;
        exact[name].push({ ids: rows.map((r) => r.trace_id), floor: Number(rows[rows.length - 1].s) });
      }
    }
    writeFileSync(cache, JSON.stringify(exact));
    console.log('exact cached');
  }
  for (const config of CONFIGS) {
    const [type, m, efc] = config.split(':');
    if (type !== 'vector') throw new Error(`HNSW_CONFIGS: ${config}: only vector:<m>:<ef_construction> is measured`);
    const expr = `embedding vector_cosine_ops`;
    const order = `e.embedding <=> $2::vector`;
    await db.query(`DROP INDEX IF EXISTS trace_embeddings_hnsw_idx`);
    await db.query(`SET maintenance_work_mem = '1GB'`);
    const t0 = Date.now();
    await db.query(`CREATE INDEX trace_embeddings_hnsw_idx ON trace_embeddings USING hnsw (${expr}) WITH (m = ${m}, ef_construction = ${efc})`);
    const build = (Date.now() - t0) / 1000;
    const size = (await db.query(`SELECT pg_size_pretty(pg_relation_size('trace_embeddings_hnsw_idx')) AS s`)).rows[0].s;
    console.log(`## ${config}: build ${build.toFixed(0)} s, ${size}`);
    for (const k of KS) for (const ef of EFS) {
      const cells: string[] = [];
      for (const [name, qs] of Object.entries(sets)) {
        let sum = 0; let n = 0;
        const t1 = process.hrtime.bigint();
        for (const [i, q] of qs.entries()) {
          const v = hashingEmbed(q);
          if (v.every((x) => x === 0)) continue;
          await db.query('BEGIN');
          await db.query(`SET LOCAL hnsw.ef_search = ${ef}`);
          await db.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
          const rows = (await db.query(`SELECT e.trace_id, 1 - (${order}) AS s FROM trace_embeddings e JOIN traces t ON t.id = e.trace_id WHERE e.model = $1 AND t.status <> 'hidden' ORDER BY ${order} LIMIT ${k}`, [HASHING_MODEL_ID, toVectorLiteral(v)])).rows;
          await db.query('COMMIT');
          const top = rows.map((r) => ({ id: r.trace_id, s: Number(r.s) })).sort((a, b) => b.s - a.s).slice(0, 10);
          const ex = exact[name][i];
          sum += Math.min(1, top.filter((r) => ex.ids.includes(r.id) || r.s >= ex.floor - 1e-6).length / ex.ids.length);
          n++;
        }
        const ms = Number(process.hrtime.bigint() - t1) / 1e6 / n;
        cells.push(`${name} ${(sum / n).toFixed(3)} ${ms.toFixed(1)}ms`);
      }
      console.log(`  K=${k} ef_search=${ef}: ${cells.join(' | ')}`);
    }
  }
  await db.end();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
