/**
 * The lexical index's own costs, on the local PostgreSQL, without the services around it:
 * - what indexing adds to a contribution's transaction: ms per insert of a realistic trace with
 *   and without `indexTracesLexically` (the trace row alone against the row plus its postings,
 *   document frequencies and totals), at 1 and 4 concurrent writers;
 * - the lexical candidate query (`lexicalCandidates`, limit 50) at each size: p50/p95/p99 over the
 *   201 agent-style queries of the seed evaluation set, without and with a tag filter.
 * - the in-memory copy (LexicalIndexReplica, SEARCH_LEXICAL_INDEX=memory): load time, memory
 *   (heap and array buffers it adds, after a GC), and the same queries through it — the whole
 *   call (its catch-up round trip included) and its scoring alone;
 * - agreement: of the top 10 of exact exhaustive BM25 (the in-memory index without budgets), the
 *   share that the SQL candidate query and the in-memory index (with its budgets) return.
 * The background corpus is stored straight into the database and indexed in batches.
 *
 * Run: npm run bench:lexical        (node --expose-gc makes the memory figure exact: NODE_OPTIONS=--expose-gc)
 *   BENCH_SIZES       stored traces to measure at (default 10000,100000)
 *   BENCH_INSERTS     measured inserts per mode and concurrency (default 200)
 *   BENCH_DATABASE    an already filled database on the same server (bench:search's BENCH_KEEP_DATABASE):
 *                     measure its queries only, no fill and no inserts
 *   TEST_POSTGRES_URL the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '@commontrace/domain-traces';
import { Database, runMigrations } from '@commontrace/persistence';
import { indexTracesLexically } from '@commontrace/service-ingest';
import { InvertedIndex, queryTerms } from '@commontrace/domain-search';
import { AppEnv } from '@commontrace/util-config';
import { createTestDatabase, withDatabase, TEST_POSTGRES_URL } from '@commontrace/util-testing';
import { DataSource } from 'typeorm';
import { LexicalIndexReplica } from '../../libs/services/search/src/lib/lexical/lexical-index-replica';
import { DEFAULT_STATUSES } from '../../libs/services/search/src/lib/usecases/query-traces/candidate-filter';
import { lexicalCandidates } from '../../libs/services/search/src/lib/usecases/query-traces/lexical-candidates';
import { GeneratedTrace, realisticTrace } from './realistic-traces';

const SIZES = (process.env['BENCH_SIZES'] ?? '10000,100000').split(',').map(Number);
const INSERTS = Number(process.env['BENCH_INSERTS'] ?? 200);
const BATCH = 500;
const MEASURED_SEEDS = 5_000_000;
const EXISTING = process.env['BENCH_DATABASE'];
const UNBOUNDED = { openBudget: Number.MAX_SAFE_INTEGER, readBudget: Number.MAX_SAFE_INTEGER };

const QUERIES: { q: string; tags?: string[] }[] = readFileSync(join(__dirname, '../eval/search/seed/queries.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (x: number) => x.toFixed(2);

async function insertRows(ds: DataSource | DataSource['manager'], traces: GeneratedTrace[], account: string): Promise<string[]> {
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, created_at)
     SELECT d.title, d.context_text, d.solution_text, string_to_array(d.tags, ','), $5, d.hash, now() - interval '1 day'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::text[]) AS d(title, context_text, solution_text, tags, hash)
     RETURNING id`,
    [traces.map((t) => t.title), traces.map((t) => t.context_text), traces.map((t) => t.solution_text), traces.map((t) => t.tags.join(',')), account, traces.map(contentHash)],
  );
  return rows.map((r) => r.id);
}

async function fill(ds: DataSource, from: number, to: number, account: string): Promise<void> {
  for (let start = from; start < to; start += BATCH) {
    const traces: GeneratedTrace[] = [];
    for (let seed = start; seed < Math.min(to, start + BATCH); seed++) traces.push(realisticTrace(seed));
    await ds.transaction(async (m) => {
      const ids = await insertRows(m, traces, account);
      await indexTracesLexically(m, traces.map((t, i) => ({ id: ids[i], ...t })), { fresh: true });
    });
  }
  await ds.query(`ANALYZE traces; ANALYZE lexical_postings; ANALYZE lexical_documents; ANALYZE lexical_terms`);
}

/** ms per insert transaction, one trace each, `concurrency` writers at once. */
async function inserts(ds: DataSource, account: string, seed0: number, concurrency: number, indexed: boolean) {
  const times: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < INSERTS) {
        const i = next++;
        const t = realisticTrace(seed0 + i);
        const s = process.hrtime.bigint();
        await ds.transaction(async (m) => {
          const [id] = await insertRows(m, [t], account);
          if (indexed) await indexTracesLexically(m, [{ id, ...t }], { fresh: true });
        });
        times.push(ms(s));
      }
    }),
  );
  return { p50: percentile(times, 50), p99: percentile(times, 99), perSecond: INSERTS / (ms(started) / 1000) };
}

async function queries(ds: DataSource, tags: boolean, index: InvertedIndex | null = null) {
  const times: number[] = [];
  for (const q of QUERIES) {
    const s = process.hrtime.bigint();
    await lexicalCandidates(ds.manager, q.q, { tags: tags ? ['python'] : null, language: null, framework: null, statuses: DEFAULT_STATUSES, limit: 50 }, index);
    times.push(ms(s));
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

const memoryInUse = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** The in-memory copy: loaded as the search service loads it, then the same queries through it, and the agreement of both paths with exhaustive BM25. */
async function inMemory(ds: DataSource): Promise<void> {
  const before = memoryInUse();
  const replica = new LexicalIndexReplica(ds, { SEARCH_LEXICAL_INDEX: 'memory' } as AppEnv);
  const t0 = Date.now();
  await replica.onApplicationBootstrap();
  const index = (await replica.current()) as InvertedIndex;
  console.log(`  in-memory copy: ${index.size} traces loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${((memoryInUse() - before) / 2 ** 20).toFixed(0)} MiB`);
  const c0 = process.hrtime.bigint();
  index.compact();
  console.log(`  … a compaction of the whole segment: ${fmt(ms(c0))} ms`);
  await queries(ds, false, index);
  const whole = await queries(ds, false, await replica.current());
  const scoring: number[] = [];
  let sqlAgreement = 0;
  let memoryAgreement = 0;
  let counted = 0;
  for (const q of QUERIES) {
    const terms = queryTerms(q.q);
    const s = process.hrtime.bigint();
    const bounded = index.search(terms, 60);
    scoring.push(ms(s));
    const exact = new Set(index.search(terms, 10, UNBOUNDED).map((r) => r.id));
    if (!exact.size) continue;
    const sql = await lexicalCandidates(ds.manager, q.q, { tags: null, language: null, framework: null, statuses: ['pending', 'validated', 'stale', 'disputed', 'superseded', 'hidden'], limit: 10 });
    sqlAgreement += sql.filter((c) => exact.has(c.id)).length / exact.size;
    memoryAgreement += bounded.slice(0, 10).filter((c) => exact.has(c.id)).length / exact.size;
    counted++;
  }
  console.log(`  … lexicalCandidates through it: p50 ${fmt(whole.p50)} ms, p95 ${fmt(whole.p95)}, p99 ${fmt(whole.p99)}; its scoring alone p50 ${fmt(percentile(scoring, 50))} ms, p99 ${fmt(percentile(scoring, 99))}`);
  console.log(`  top-10 agreement with exhaustive BM25 over ${counted} queries: SQL candidates ${(sqlAgreement / counted).toFixed(3)}, in-memory ${(memoryAgreement / counted).toFixed(3)}`);
}

async function existing(name: string): Promise<void> {
  const database = await Database.open({ kind: 'postgres', url: withDatabase(TEST_POSTGRES_URL, name), poolSize: 6 });
  const ds = database.dataSource;
  try {
    await runMigrations(ds, { lock: false });
    const [{ traces }] = await ds.query(`SELECT count(*)::int AS traces FROM lexical_documents`);
    console.log(`${name}: ${traces} traces`);
    await queries(ds, false);
    const plain = await queries(ds, false);
    console.log(`  lexicalCandidates (SQL), ${QUERIES.length} queries, limit 50: p50 ${fmt(plain.p50)} ms, p95 ${fmt(plain.p95)}, p99 ${fmt(plain.p99)}`);
    await inMemory(ds);
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  if (EXISTING) return existing(EXISTING);
  const db = await createTestDatabase('bench_lexical');
  const database = await Database.open({ kind: 'postgres', url: db.url, poolSize: 6 });
  const ds = database.dataSource;
  try {
    await runMigrations(ds, { lock: false });
    const [{ id: account }] = await ds.query(`INSERT INTO accounts DEFAULT VALUES RETURNING id`);
    let stored = 0;
    let seed = MEASURED_SEEDS;
    for (const size of SIZES) {
      const t0 = Date.now();
      await fill(ds, stored, size, account);
      const [{ postings }] = await ds.query(`SELECT count(*)::int AS postings FROM lexical_postings`);
      console.log(`${size} traces (${postings} postings), filled and indexed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      stored = size;
      // Warm the caches once, then measure.
      await queries(ds, false);
      const plain = await queries(ds, false);
      const filtered = await queries(ds, true);
      console.log(`  lexicalCandidates, ${QUERIES.length} queries, limit 50: p50 ${fmt(plain.p50)} ms, p95 ${fmt(plain.p95)}, p99 ${fmt(plain.p99)}`);
      console.log(`  … with tag filter [python]: p50 ${fmt(filtered.p50)} ms, p95 ${fmt(filtered.p95)}, p99 ${fmt(filtered.p99)}`);
      await inMemory(ds);
      for (const concurrency of [1, 4]) {
        const bare = await inserts(ds, account, seed, concurrency, false);
        seed += INSERTS;
        const indexed = await inserts(ds, account, seed, concurrency, true);
        seed += INSERTS;
        console.log(
          `  insert, concurrency ${concurrency}: row only p50 ${fmt(bare.p50)} ms (${bare.perSecond.toFixed(0)}/s); with lexical index p50 ${fmt(indexed.p50)} ms, p99 ${fmt(indexed.p99)} (${indexed.perSecond.toFixed(0)}/s); +${fmt(indexed.p50 - bare.p50)} ms`,
        );
      }
      stored += 4 * INSERTS;
    }
  } finally {
    await database.close();
    await db.drop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
