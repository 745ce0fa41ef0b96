/**
 * Search speed, and the recall of the vector path: `npm run bench:search`.
 *
 * For each size (10k and 100k by default) it fills a fresh database on the local PostgreSQL
 * straight through SQL with realistic traces (`variedTrace`: Zipf-skewed technologies and
 * tags, lengths from a two-line note to a long report, error messages, code blocks, stack
 * traces, logs) and their offline (hashing) vectors, plus the 130 traces of the seed corpus,
 * then times the same agent-style queries (`agentQuery`: pasted errors from another project,
 * symptoms, identifiers, goals; never a title), without and with a tag filter (the tag of the
 * technology the query is about), at each concurrency:
 *   gateway   POST /api/v1/traces/search through the gateway, microservices mode: the gateway and
 *             the four services run as five processes from source (as tools/start-microservices.sh
 *             runs the built apps), over the bench's own NATS server;
 *   bus       the same requests to the search service alone, `ct.v1.search.query-traces` over NATS
 *             (the search service still asks the embedding service for the query vector);
 *   sql       the search service's candidate queries alone, through TypeORM on a pool of 16: the
 *             lexical query, and the vector query (the shared nearest-neighbour query, K = 50)
 *             with the query vector computed in this process;
 *   floor     the gateway's cheapest authenticated route that crosses the bus (GET /api/v1/traces/{id}:
 *             the key check, the rate-limit count, one request to the search service, one primary-key
 *             read) with the same clients: the ceiling that any search through the gateway stays under
 *   recall    recall@10 of the HNSW path (nearestNeighbours, as search calls it) against an exact
 *             scan of the same rows, for the agent queries and for the seed set's 201 labelled
 *             queries (the search evaluation's queries, whose answers are outliers among the
 *             generated traces);
 * For the gateway rows it also prints where the time went: the mean of each stage, from the
 * gateway's and the search service's /metrics read before and after the row (the gateway's HTTP
 * time, the search service's handling of the bus request, and commontrace_search_stage_seconds),
 * and for the gateway and floor rows the CPU each process spent per query (the five processes, the
 * bench's NATS server, the database's backends and this client, from /proc).
 * And, at BENCH_ALL_IN_ONE_SIZE (10k), the gateway figures of the all-in-one process (every
 * module in one process, in-process transport) against a database of its own.
 *
 * Latency is measured by the client (this process), from sending to the last byte; errors
 * (non-2xx answers, bus errors, exceptions) are counted per row and left out of the latencies.
 *
 * Run: npm run bench:search [-- --json]
 *   BENCH_SIZES            stored traces to measure at (default 10000,100000)
 *   BENCH_QUERIES          queries per row (default 300)
 *   BENCH_CONCURRENCY      client concurrencies (default 1,16)
 *   BENCH_PARTS            what to measure (default gateway,bus,sql,recall,all-in-one; floor on request)
 *   BENCH_ALL_IN_ONE_SIZE  stored traces for the all-in-one figures (default 10000; 0 skips them)
 *   BENCH_RECALL_QUERIES   agent queries for recall (default 200; plus the 201 seed-set queries)
 *   BENCH_HNSW_DIAGNOSIS=1 also print recall@10 and latency of the raw vector query under other
 *                          hnsw.ef_search / iterative-scan settings (how the setting was chosen)
 *   BENCH_NATS_URL         a NATS server whose streams may be deleted (never the shared one on 4222);
 *                          default: its own nats-server on BENCH_NATS_PORT (4398)
 *   BENCH_PORT_BASE        first HTTP port of the processes (default 4330)
 *   BENCH_KEEP_DATABASE    a database to fill once and keep (reused while it holds enough traces; never dropped)
 *   BENCH_PROFILE          processes to CPU-profile, e.g. gateway,search (profiles in $TMPDIR/ct-bench-profiles)
 *   TEST_POSTGRES_URL      the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SearchQueryTraces } from '@commontrace/contracts';
import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { contentHash, traceText } from '@commontrace/domain-traces';
import { Database, nearestNeighbours, runMigrations, toVectorLiteral } from '@commontrace/persistence';
import { ReindexSearchUseCase } from '@commontrace/service-ingest';
import { RATE_LIMITS_FOR_TOOLS, REGISTRATION_LIMITS_FOR_TOOLS } from '@commontrace/util-config';
import { createTestDatabase, resetJetStream, TEST_POSTGRES_URL, waitFor, withDatabase } from '@commontrace/util-testing';
import { DataSource, EntityManager } from 'typeorm';
// Not exported by their libraries (internals of the messaging library and of the search service): a
// benchmark times them directly. If the search service's candidate queries move, only `lexicalSql` changes.
import { NatsBusClient } from '../../libs/messaging/src/lib/bus/nats-bus-client';
import { CandidateFilter, DEFAULT_STATUSES } from '../../libs/services/search/src/lib/usecases/query-traces/candidate-filter';
import { lexicalCandidates } from '../../libs/services/search/src/lib/usecases/query-traces/lexical-candidates';
import { seedSet } from '../eval/search/sets';
import { backendCpu, cpuSeconds } from './process-cpu';
import { agentQuery, GeneratedTrace, variedTrace } from './realistic-traces';

const SIZES = list('BENCH_SIZES', '10000,100000');
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? 300);
const CONCURRENCY = list('BENCH_CONCURRENCY', '1,16');
const PARTS = new Set((process.env['BENCH_PARTS'] ?? 'gateway,bus,sql,recall,all-in-one').split(','));
const ALL_IN_ONE_SIZE = Number(process.env['BENCH_ALL_IN_ONE_SIZE'] ?? 10_000);
const RECALL_QUERIES = Number(process.env['BENCH_RECALL_QUERIES'] ?? 200);
const PORT_BASE = Number(process.env['BENCH_PORT_BASE'] ?? 4330);
const JSON_OUTPUT = process.argv.includes('--json');
/** A database to keep between runs (filled once, reused while it holds enough traces, never dropped): for iterating on the code. */
const KEEP_DATABASE = process.env['BENCH_KEEP_DATABASE'];
/** Processes to run with --cpu-prof, as in bench:ingest (profiles land in $TMPDIR/ct-bench-profiles when they stop). */
const PROFILE = (process.env['BENCH_PROFILE'] ?? '').split(',').filter(Boolean);
/** The search service's candidates per retriever (query-traces.usecase.ts). */
const CANDIDATES = 50;
const WARM_UP = 20;
const SERVICES = ['ingest', 'embedding', 'search', 'reputation', 'gateway'] as const;
type Service = (typeof SERVICES)[number] | 'all-in-one';

function list(name: string, fallback: string): number[] {
  return (process.env[name] ?? fallback).split(',').filter(Boolean).map(Number);
}

/** Progress goes to stderr, so that `--json` leaves stdout to the figures. */
const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Child mode: with BENCH_SERVE=<service> the script runs that service (or all-in-one) as its app does.

async function serve(name: Service): Promise<void> {
  const { runMain } = await import('@commontrace/runtime');
  const modules = {
    ingest: async () => [(await import('@commontrace/service-ingest')).IngestModule],
    embedding: async () => [(await import('@commontrace/service-embedding')).EmbeddingModule],
    search: async () => [(await import('@commontrace/service-search')).SearchModule],
    reputation: async () => [(await import('@commontrace/service-reputation')).ReputationModule],
    gateway: async () => [(await import('@commontrace/service-gateway')).GatewayModule],
    'all-in-one': async () => [
      ...(await modules.gateway()),
      ...(await modules.ingest()),
      ...(await modules.embedding()),
      ...(await modules.search()),
      ...(await modules.reputation()),
    ],
  };
  const http = name === 'gateway' || name === 'all-in-one';
  await runMain({
    service: name,
    features: await modules[name](),
    handlesRequests: name !== 'gateway',
    relay: name !== 'gateway',
    defaultPort: PORT_BASE,
    requireEnv: name === 'all-in-one' ? ['DATABASE_URL'] : ['DATABASE_URL', 'NATS_URL'],
    ...(http ? { configureHttp: (await import('@commontrace/service-gateway')).configureGatewayHttp } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Processes.

function startProcesses(names: Service[], env: Record<string, string>, portOf: (name: Service) => number): { children: ChildProcess[]; ready: Promise<void> } {
  const children = names.map((name) => {
    const merged: Record<string, string | undefined> = { ...process.env, ...env };
    // An empty value means "not set" (the all-in-one process must not see NATS_URL).
    for (const [k, v] of Object.entries(env)) if (v === '') delete merged[k];
    const profile = PROFILE.includes(name) ? ['--cpu-prof', '--cpu-prof-dir', join(tmpdir(), 'ct-bench-profiles')] : [];
    const child = spawn(process.execPath, [...profile, '-r', '@swc-node/register', __filename], {
      env: {
        ...merged,
        SWC_NODE_PROJECT: 'tsconfig.base.json',
        BENCH_SERVE: name,
        PORT: String(portOf(name)),
        LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
        EMBEDDING_PROVIDER: 'offline',
        // A benchmark is one account sending far past any tier's limits.
        RATE_LIMITS: RATE_LIMITS_FOR_TOOLS,
        // No load balancer to wait for: stop serving at once on SIGTERM.
        SHUTDOWN_DRAIN_DELAY_MS: '0',
        REGISTRATION_LIMITS: REGISTRATION_LIMITS_FOR_TOOLS,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  });
  const ready = (async () => {
    for (const [i, name] of names.entries()) {
      await waitFor(
        () => {
          if (children[i].exitCode !== null) throw new Error(`${name} did not start`);
          return fetch(`http://127.0.0.1:${portOf(name)}/health/ready`).then((r) => r.ok, () => false);
        },
        { timeoutMs: 180_000, intervalMs: 500, what: `${name} to be ready` },
      );
    }
  })();
  return { children, ready };
}

async function stopChildren(children: ChildProcess[]): Promise<void> {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))));
}

function ownNats(): { url: string; pid?: number; stop(): Promise<void> } {
  const given = process.env['BENCH_NATS_URL'];
  if (given) {
    if (new URL(given).port === '4222') throw new Error('BENCH_NATS_URL: the bench deletes its streams; never point it at the shared NATS on 4222');
    return { url: given, stop: async () => undefined };
  }
  const port = process.env['BENCH_NATS_PORT'] ?? '4398';
  const dir = mkdtempSync(join(tmpdir(), 'ct-bench-search-nats-'));
  const server = spawn('nats-server', ['-js', '-p', port, '-sd', dir], { stdio: 'ignore' });
  return {
    url: `nats://127.0.0.1:${port}`,
    pid: server.pid,
    stop: async () => {
      if (server.exitCode === null) server.kill('SIGTERM');
      await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The corpus, straight into the database.

const BATCH = 500;

/** Traces as the loader stores them: the seed corpus first (seeds < 0 by convention here), then generated ones. */
function seedCorpusTraces(): GeneratedTrace[] {
  return seedSet().corpus.map((t) => ({ title: t.title, context_text: t.context_text, solution_text: t.solution_text, tags: t.tags ?? [] }));
}

/**
 * Stores traces with their offline vectors, in batches of one statement each (trace and vector
 * together), and returns their ids. The HNSW index is dropped before and built once after by
 * `fillTo`, which is much faster than 100k inserts into the graph.
 */
async function loadTraces(db: Client, contributor: string, traces: GeneratedTrace[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < traces.length; start += BATCH) {
    const batch = traces.slice(start, start + BATCH);
    const hashes = batch.map(contentHash);
    const vectors = batch.map((t) => toVectorLiteral(hashingEmbed(traceText(t))));
    const { rows } = await db.query<{ id: string }>(
      `WITH t AS (
         INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status, created_at)
         SELECT d.title, d.context_text, d.solution_text, string_to_array(d.tags, ','), $5, d.hash, 'pending', now() - interval '1 day'
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::text[]) AS d(title, context_text, solution_text, tags, hash)
         RETURNING id, content_hash),
       e AS (
         INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
         SELECT t.id, $7, 'offline', $8, v.v::vector, v.hash
           FROM t JOIN unnest($6::text[], $9::text[]) AS v(hash, v) ON v.hash = t.content_hash)
       SELECT id FROM t`,
      [
        batch.map((t) => t.title),
        batch.map((t) => t.context_text),
        batch.map((t) => t.solution_text),
        batch.map((t) => t.tags.join(',')),
        contributor,
        hashes,
        HASHING_MODEL_ID,
        HASHING_DIMENSIONS,
        vectors,
      ],
    );
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/**
 * Traces stored straight through SQL get the search indexes that ingest keeps at write time (the
 * lexical postings with their statistics, and the error signatures) from ingest's own reindex,
 * which indexes every trace that has none yet. The HNSW index is rebuilt by `fillTo`.
 */
async function indexLoadedTraces(url: string): Promise<void> {
  const database = await Database.open({ kind: 'postgres', url, poolSize: 2 });
  try {
    const { reindexed } = await new ReindexSearchUseCase(database.dataSource).execute();
    log(`  indexed ${reindexed} traces for lexical and error-signature search`);
  } finally {
    await database.close();
  }
}

/** Fills the database up to `size` generated traces (the seed corpus comes with the first fill). */
async function fillTo(db: Client, url: string, contributor: string, from: number, size: number): Promise<void> {
  if (size <= from) return;
  const started = Date.now();
  const [{ indexdef }] = (await db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'trace_embeddings_hnsw_idx'`)).rows;
  await db.query(`DROP INDEX trace_embeddings_hnsw_idx`);
  const ids: string[] = [];
  if (from === 0) ids.push(...(await loadTraces(db, contributor, seedCorpusTraces())));
  for (let start = from; start < size; start += 5_000) {
    const traces: GeneratedTrace[] = [];
    for (let seed = start; seed < Math.min(size, start + 5_000); seed++) traces.push(variedTrace(seed));
    ids.push(...(await loadTraces(db, contributor, traces)));
  }
  await indexLoadedTraces(url);
  const loaded = Date.now();
  await db.query(`SET maintenance_work_mem = '1GB'`);
  await db.query(indexdef);
  await db.query(`RESET maintenance_work_mem`);
  await db.query(`VACUUM ANALYZE traces`);
  await db.query(`VACUUM ANALYZE trace_embeddings`);
  for (const table of ['lexical_postings', 'lexical_documents', 'lexical_terms', 'error_signatures']) await db.query(`VACUUM ANALYZE ${table}`);
  log(`  stored ${ids.length} traces in ${((loaded - started) / 1000).toFixed(0)} s, HNSW index and analyze ${((Date.now() - loaded) / 1000).toFixed(0)} s`);
}

// ---------------------------------------------------------------------------------------------
// Queries and timing.

interface Query {
  q: string;
  tags?: string[];
}

/** Agent queries about stored traces (seeds spread over the stored range), without or with their tag. */
function queriesFor(size: number, n: number, filtered: boolean, offset = 0): Query[] {
  return Array.from({ length: n }, (_, i) => {
    const seed = Math.floor(((i + offset) * 7919) % size);
    const query = agentQuery(seed);
    return filtered ? { q: query.q, tags: [query.tag] } : { q: query.q };
  });
}

interface Row {
  size: number;
  target: string;
  filter: 'none' | 'tag';
  concurrency: number;
  queries: number;
  errors: number;
  qps: number;
  p50: number;
  p95: number;
  p99: number;
  load: number;
  /** CPU ms per query of each process behind the target (and this client), when the target reports it. */
  cpu?: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs every query once with `concurrency` clients; a call that throws counts as an error. */
async function time(queries: Query[], concurrency: number, call: (q: Query) => Promise<void>): Promise<{ seconds: number; latencies: number[]; errors: number; firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < queries.length) {
      const query = queries[next++];
      const t0 = process.hrtime.bigint();
      try {
        await call(query);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latencies, errors, firstError };
}

/**
 * `queryless`: the target ignores the query, so it is measured once (in the unfiltered rows).
 * `cpu`: CPU seconds used so far by each process behind the target (its rows get CPU ms per query).
 */
type Target = { name: string; call: (q: Query) => Promise<void>; stages?: StageScraper; queryless?: boolean; cpu?: CpuReader };
type CpuReader = () => Promise<Record<string, number>>;

/** The sum and count of each histogram series a process's /metrics reports, by its name and labels. */
type Histograms = Map<string, { sum: number; count: number }>;
/** Reads the histograms of the processes that answer a target, keyed by `process:series`. */
type StageScraper = () => Promise<Histograms>;

/** Mean milliseconds of each stage over one row: what the gateway and the search service spent, and where. */
interface StageRow {
  size: number;
  filter: 'none' | 'tag';
  concurrency: number;
  means: Record<string, number>;
}

/** The columns of the stage table: a name, and which series (from the difference of two scrapes) it averages. */
const STAGE_COLUMNS: [string, (series: string) => boolean][] = [
  ['gateway HTTP', (k) => k.startsWith('gateway:commontrace_http_request_seconds{') && k.includes('traces/search') && k.includes('status="200"')],
  ['search service', (k) => k.startsWith('search:commontrace_bus_request_seconds{') && k.includes('query-traces')],
  ...(['signatures', 'lexical_catch_up', 'lexical', 'vector', 'order', 'page', 'page_rest'] as const).map(
    (stage): [string, (series: string) => boolean] => [stage, (k) => k === `search:commontrace_search_stage_seconds{stage="${stage}"}`],
  ),
];

async function scrapeHistograms(process: string, url: string, into: Histograms): Promise<void> {
  const text = await (await fetch(url)).text();
  for (const line of text.split('\n')) {
    const sample = /^(\w+)_(sum|count)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const key = `${process}:${sample[1]}${sample[3] ?? ''}`;
    const entry = into.get(key) ?? { sum: 0, count: 0 };
    entry[sample[2] as 'sum' | 'count'] = Number(sample[4]);
    into.set(key, entry);
  }
}

function stageScraper(metricsUrls: Record<string, string>): StageScraper {
  return async () => {
    const all: Histograms = new Map();
    for (const [process, url] of Object.entries(metricsUrls)) await scrapeHistograms(process, url, all);
    return all;
  };
}

/**
 * The stage table's last column: the share of searches that read page rows after the ordering
 * (the guess read beside it missed some, or the process was too busy to guess).
 */
const PAGE_REREAD = 'page read after order %';

/** Each column's mean over what happened between two scrapes (NaN where nothing was observed), and PAGE_REREAD. */
function stageMeans(before: Histograms, after: Histograms): Record<string, number> {
  const observations = (stage: string) => {
    const key = `search:commontrace_search_stage_seconds{stage="${stage}"}`;
    return (after.get(key)?.count ?? 0) - (before.get(key)?.count ?? 0);
  };
  const reread = observations('order') ? Number(((100 * observations('page_rest')) / observations('order')).toFixed(1)) : NaN;
  return Object.fromEntries([
    ...STAGE_COLUMNS.map(([name, matches]): [string, number] => {
      let sum = 0;
      let count = 0;
      for (const [key, value] of after) {
        if (!matches(key)) continue;
        sum += value.sum - (before.get(key)?.sum ?? 0);
        count += value.count - (before.get(key)?.count ?? 0);
      }
      return [name, count ? Number(((sum / count) * 1000).toFixed(1)) : NaN];
    }),
    [PAGE_REREAD, reread],
  ]);
}

async function measure(rows: Row[], stageRows: StageRow[], size: number, targets: Target[]): Promise<void> {
  for (const filtered of [false, true]) {
    const queries = queriesFor(size, QUERIES, filtered);
    const warmUp = queriesFor(size, WARM_UP, filtered, 100_003);
    for (const target of targets) {
      if (filtered && target.queryless) continue;
      await time(warmUp, 4, target.call);
      for (const concurrency of CONCURRENCY) {
        const load = loadavg()[0];
        const before = await target.stages?.();
        const cpuBefore = await target.cpu?.();
        const run = await time(queries, concurrency, target.call);
        const cpuAfter = await target.cpu?.();
        if (target.stages && before) stageRows.push({ size, filter: filtered ? 'tag' : 'none', concurrency, means: stageMeans(before, await target.stages()) });
        const sorted = [...run.latencies].sort((a, b) => a - b);
        const row: Row = {
          size,
          target: target.name,
          filter: filtered ? 'tag' : 'none',
          concurrency,
          queries: queries.length,
          errors: run.errors,
          qps: Number((queries.length / run.seconds).toFixed(1)),
          p50: Number(percentile(sorted, 50).toFixed(1)),
          p95: Number(percentile(sorted, 95).toFixed(1)),
          p99: Number(percentile(sorted, 99).toFixed(1)),
          load: Number(load.toFixed(1)),
          ...(cpuBefore && cpuAfter ? { cpu: cpuPerQuery(cpuBefore, cpuAfter, queries.length) } : {}),
        };
        rows.push(row);
        log(`  ${formatRow(row)}${run.firstError ? `  (first error: ${run.firstError})` : ''}`);
      }
    }
  }
}

/** CPU ms per query of each process between two readings, and their total. */
function cpuPerQuery(before: Record<string, number>, after: Record<string, number>, queries: number): Record<string, number> {
  const per = Object.fromEntries(Object.keys(after).map((name) => [name, Number((((after[name] - (before[name] ?? 0)) * 1000) / queries).toFixed(2))]));
  return { ...per, total: Number(Object.values(per).reduce((sum, v) => sum + v, 0).toFixed(2)) };
}

async function benchKey(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench-search' }) });
  if (response.status !== 201) throw new Error(`POST /keys answered ${response.status}`);
  return ((await response.json()) as { api_key: string }).api_key;
}

async function gatewayTarget(baseUrl: string, name: string, stages?: StageScraper, cpu?: CpuReader): Promise<Target> {
  const api_key = await benchKey(baseUrl);
  return {
    name,
    stages,
    cpu,
    call: async (query) => {
      const answer = await fetch(`${baseUrl}/traces/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': api_key },
        body: JSON.stringify({ ...query, limit: 10 }),
      });
      const body = await answer.text();
      if (answer.status !== 200) throw new Error(`${answer.status} ${body.slice(0, 200)}`);
    },
  };
}

/**
 * The floor under any search through the gateway: `GET /traces/{id}` of stored traces (the key
 * check, the rate-limit count, one bus request, one primary-key read, the trace's JSON back).
 */
async function floorTarget(baseUrl: string, db: Client, cpu?: CpuReader): Promise<Target> {
  const api_key = await benchKey(baseUrl);
  // Read at the first call, after the fill: a fresh database has no traces when the target is made.
  let ids: string[] | undefined;
  let next = 0;
  return {
    name: 'gateway floor (GET /traces/{id})',
    queryless: true,
    cpu,
    call: async () => {
      ids ??= (await db.query(`SELECT id FROM traces ORDER BY id LIMIT 1000`)).rows.map((r: { id: string }) => r.id);
      const answer = await fetch(`${baseUrl}/traces/${ids[next++ % ids.length]}`, { headers: { 'x-api-key': api_key } });
      const body = await answer.text();
      if (answer.status !== 200) throw new Error(`${answer.status} ${body.slice(0, 200)}`);
    },
  };
}

function busTarget(bus: NatsBusClient): Target {
  return {
    name: 'search service (bus)',
    call: async (query) => {
      await bus.request(SearchQueryTraces.contract, { ...query, limit: 10 });
    },
  };
}

/** The filter of a default search (the query's tags, default statuses), K = 50. */
function filterOf(query: Query): CandidateFilter {
  return { tags: query.tags ?? null, language: null, framework: null, statuses: DEFAULT_STATUSES, limit: CANDIDATES };
}

/** Today's lexical candidate query, as the search service runs it. */
function lexicalSql(m: EntityManager, query: Query): Promise<unknown> {
  return lexicalCandidates(m, query.q, filterOf(query));
}

function sqlTargets(ds: DataSource): Target[] {
  return [
    { name: 'SQL lexical', call: async (query) => void (await lexicalSql(ds.manager, query)) },
    {
      name: 'SQL vector',
      call: async (query) => {
        const vector = hashingEmbed(query.q);
        const { tags, statuses, limit } = filterOf(query);
        await nearestNeighbours(ds.manager, { model: HASHING_MODEL_ID, vector, limit, tags, statuses });
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Recall of the HNSW path.

interface RecallRow {
  size: number;
  queries: string;
  filter: 'none' | 'tag';
  /** Method: the served path, or a diagnosis setting. */
  path: string;
  k: number;
  recallAt10: number;
  /** Mean milliseconds per query, one at a time (client side). */
  ms: number;
}

const EXACT = `SELECT e.trace_id, 1 - (e.embedding <=> $2::vector) AS similarity
  FROM trace_embeddings e JOIN traces t ON t.id = e.trace_id
 WHERE e.model = $1 AND t.status <> 'hidden' AND ($3::text[] IS NULL OR t.tags @> $3::text[])
 ORDER BY e.embedding <=> $2::vector LIMIT 10`;

/** The exact top 10 by a scan without the index, and the 10th similarity (ties with it count as found). */
async function exactTop10(ds: DataSource, vector: number[], tags: string[] | null): Promise<{ ids: Set<string>; floor: number }> {
  return ds.transaction(async (tx) => {
    await tx.query(`SET LOCAL enable_indexscan = off`);
    await tx.query(`SET LOCAL enable_bitmapscan = off`);
    const rows: { trace_id: string; similarity: string }[] = await tx.query(EXACT, [HASHING_MODEL_ID, toVectorLiteral(vector), tags]);
    return { ids: new Set(rows.map((r) => r.trace_id)), floor: rows.length ? Number(rows[rows.length - 1].similarity) : -2 };
  });
}

function recallOf(found: { trace_id: string; similarity: number }[], exact: { ids: Set<string>; floor: number }): number {
  if (!exact.ids.size) return 1;
  const top = found.slice(0, 10);
  const hits = top.filter((n) => exact.ids.has(n.trace_id) || n.similarity >= exact.floor - 1e-6).length;
  return Math.min(1, hits / exact.ids.size);
}

/** The raw vector query under explicit settings, for the diagnosis table. */
async function rawNeighbours(ds: DataSource, vector: number[], tags: string[] | null, k: number, settings: string[]): Promise<{ trace_id: string; similarity: number }[]> {
  return ds.transaction(async (tx) => {
    for (const s of settings) await tx.query(`SET LOCAL ${s}`);
    const rows: { trace_id: string; similarity: string }[] = await tx.query(
      `SELECT e.trace_id, 1 - (e.embedding <=> $2::vector) AS similarity
         FROM trace_embeddings e JOIN traces t ON t.id = e.trace_id
        WHERE e.model = $1 AND t.status <> 'hidden' AND ($3::text[] IS NULL OR t.tags @> $3::text[])
        ORDER BY e.embedding <=> $2::vector LIMIT $4`,
      [HASHING_MODEL_ID, toVectorLiteral(vector), tags, k],
    );
    return rows.map((r) => ({ trace_id: r.trace_id, similarity: Number(r.similarity) })).sort((a, b) => b.similarity - a.similarity);
  });
}

const DIAGNOSIS: { path: string; settings: string[] }[] = [
  { path: 'ef_search 40, no iterative scan', settings: ['hnsw.ef_search = 40', 'hnsw.iterative_scan = off'] },
  { path: 'ef_search 40, relaxed_order', settings: ['hnsw.ef_search = 40', 'hnsw.iterative_scan = relaxed_order'] },
  { path: 'ef_search 100, relaxed_order', settings: ['hnsw.ef_search = 100', 'hnsw.iterative_scan = relaxed_order'] },
  { path: 'ef_search 200, relaxed_order', settings: ['hnsw.ef_search = 200', 'hnsw.iterative_scan = relaxed_order'] },
  { path: 'ef_search 400, relaxed_order', settings: ['hnsw.ef_search = 400', 'hnsw.iterative_scan = relaxed_order'] },
  { path: 'ef_search 1000, relaxed_order', settings: ['hnsw.ef_search = 1000', 'hnsw.iterative_scan = relaxed_order'] },
];

async function recall(ds: DataSource, size: number): Promise<RecallRow[]> {
  const sets: { name: string; queries: Query[] }[] = [
    { name: 'agent', queries: queriesFor(size, RECALL_QUERIES, false, 50_021) },
    { name: 'agent, tag', queries: queriesFor(size, RECALL_QUERIES, true, 50_021) },
    { name: 'seed set', queries: seedSet().queries.map((q) => ({ q: q.q })) },
  ];
  const rows: RecallRow[] = [];
  for (const set of sets) {
    const vectors = set.queries.map((q) => ({ vector: hashingEmbed(q.q), tags: q.tags?.length ? q.tags : null })).filter((q) => q.vector.some((v) => v !== 0));
    const exact = [];
    for (const q of vectors) exact.push(await exactTop10(ds, q.vector, q.tags));
    const filter = set.name.endsWith('tag') ? 'tag' : 'none';
    const paths: { path: string; k: number; run: (q: (typeof vectors)[number]) => Promise<{ trace_id: string; similarity: number }[]> }[] = [10, CANDIDATES].map((k) => ({
      path: 'nearestNeighbours (served)',
      k,
      run: (q) => nearestNeighbours(ds.manager, { model: HASHING_MODEL_ID, vector: q.vector, limit: k, tags: q.tags }),
    }));
    if (process.env['BENCH_HNSW_DIAGNOSIS'] === '1') {
      for (const d of DIAGNOSIS) paths.push({ path: d.path, k: CANDIDATES, run: (q) => rawNeighbours(ds, q.vector, q.tags, CANDIDATES, d.settings) });
    }
    for (const p of paths) {
      let sum = 0;
      const started = process.hrtime.bigint();
      for (const [i, q] of vectors.entries()) sum += recallOf(await p.run(q), exact[i]);
      const ms = Number(process.hrtime.bigint() - started) / 1e6 / vectors.length;
      const row: RecallRow = { size, queries: `${set.name} (${vectors.length})`, filter, path: p.path, k: p.k, recallAt10: Number((sum / vectors.length).toFixed(3)), ms: Number(ms.toFixed(2)) };
      rows.push(row);
      log(`  recall@10 ${row.queries} ${row.path} K=${row.k}: ${row.recallAt10} (${row.ms} ms/query)`);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Output.

function formatRow(r: Row): string {
  return `| ${r.size.toLocaleString('en')} | ${r.target} | ${r.filter} | ${r.concurrency} | ${r.queries} | ${r.errors} | ${r.qps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.load} |`;
}

function printTables(rows: Row[], recallRows: RecallRow[], stageRows: StageRow[]): void {
  const columns = [...STAGE_COLUMNS.map(([name]) => name), PAGE_REREAD];
  const out = [
    '| stored | target | filter | concurrency | queries | errors | queries/s | p50 ms | p95 ms | p99 ms | load average |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(formatRow),
    '',
    '| stored | queries | path | K | recall@10 | ms/query |',
    '|---:|---|---|---:|---:|---:|',
    ...recallRows.map((r) => `| ${r.size.toLocaleString('en')} | ${r.queries} | ${r.path} | ${r.k} | ${r.recallAt10.toFixed(3)} | ${r.ms} |`),
    '',
    'Mean ms per stage, gateway rows of the microservices mode (the retrievers run side by side; vector includes the query embedding):',
    '',
    `| stored | filter | concurrency | ${columns.join(' | ')} |`,
    `|---:|---|---:|${columns.map(() => '---:').join('|')}|`,
    ...stageRows.map((r) => `| ${r.size.toLocaleString('en')} | ${r.filter} | ${r.concurrency} | ${columns.map((c) => r.means[c]).join(' | ')} |`),
  ];
  const withCpu = rows.filter((r) => r.cpu);
  if (withCpu.length) {
    const names = Object.keys(withCpu[0].cpu as Record<string, number>);
    out.push(
      '',
      'CPU ms per query, by process (from /proc; PostgreSQL over the services\' backends; "client" is this process sending the queries):',
      '',
      `| stored | target | filter | concurrency | ${names.join(' | ')} |`,
      `|---:|---|---|---:|${names.map(() => '---:').join('|')}|`,
      ...withCpu.map((r) => `| ${r.size.toLocaleString('en')} | ${r.target} | ${r.filter} | ${r.concurrency} | ${names.map((n) => r.cpu?.[n]).join(' | ')} |`),
    );
  }
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------

async function accountId(db: Client): Promise<string> {
  return (await db.query<{ id: string }>(`INSERT INTO accounts (name) VALUES ('bench-search') RETURNING id`)).rows[0].id;
}

async function freshDatabase(name: string): Promise<{ db: Client; url: string; drop(): Promise<void> }> {
  if (KEEP_DATABASE) return keptDatabase(KEEP_DATABASE);
  const database = await createTestDatabase(name);
  const migrator = await Database.open({ kind: 'postgres', url: database.url, poolSize: 1 });
  await runMigrations(migrator.dataSource, { lock: false });
  await migrator.close();
  const db = new Client({ connectionString: database.url });
  await db.connect();
  return { db, url: database.url, drop: async () => (await db.end().catch(() => undefined), await database.drop()) };
}

/** The kept database, created and migrated when missing (migrations run on every start, as they would on a deploy). */
async function keptDatabase(name: string): Promise<{ db: Client; url: string; drop(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('BENCH_KEEP_DATABASE: lower-case letters, digits and _ only');
  const url = withDatabase(TEST_POSTGRES_URL, name);
  const admin = new Client({ connectionString: withDatabase(TEST_POSTGRES_URL, 'postgres') });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const migrator = await Database.open({ kind: 'postgres', url, poolSize: 1 });
  await runMigrations(migrator.dataSource, { lock: false });
  await migrator.close();
  const db = new Client({ connectionString: url });
  await db.connect();
  log(`  kept database ${name}${exists ? '' : ' (created)'}`);
  return { db, url, drop: async () => void (await db.end().catch(() => undefined)) };
}

/** Generated traces already stored (a kept database), the seed corpus not counted. */
async function generatedStored(db: Client): Promise<number> {
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM traces`)).rows;
  return Math.max(0, n - seedCorpusTraces().length);
}

async function microservices(rows: Row[], recallRows: RecallRow[], stageRows: StageRow[], cleanups: (() => Promise<void>)[]): Promise<void> {
  const needsServices = PARTS.has('gateway') || PARTS.has('bus') || PARTS.has('floor');
  const database = await freshDatabase('bench_search');
  cleanups.push(database.drop);
  const contributor = await accountId(database.db);
  const pool = await Database.open({ kind: 'postgres', url: database.url, poolSize: 16 });
  cleanups.push(() => pool.close());
  let bus: NatsBusClient | undefined;
  let gateway: Target | undefined;
  let floor: Target | undefined;
  if (needsServices) {
    const nats = ownNats();
    cleanups.push(nats.stop);
    await waitFor(() => resetJetStream(nats.url).then(() => true, () => false), { timeoutMs: 10_000, what: 'NATS' });
    const portOf = (name: Service) => PORT_BASE + SERVICES.indexOf(name as (typeof SERVICES)[number]);
    const started = startProcesses([...SERVICES], { DATABASE_URL: database.url, NATS_URL: nats.url }, portOf);
    cleanups.push(() => stopChildren(started.children));
    await started.ready;
    bus = new NatsBusClient([nats.url], 30_000);
    await bus.onApplicationBootstrap();
    const connected = bus;
    cleanups.push(() => connected.onApplicationShutdown());
    const metrics = (name: Service) => `http://127.0.0.1:${portOf(name)}/metrics`;
    // CPU of the five processes, the NATS server, the database's backends (but the bench's own connection) and this client.
    const monitor = new Client({ connectionString: database.url });
    await monitor.connect();
    const own = (database.db as Client & { processID: number }).processID;
    const backends = backendCpu(monitor, () => [own]);
    cleanups.push(async () => {
      backends.stop();
      await monitor.end();
    });
    const cpu: CpuReader = async () => {
      const client = process.cpuUsage();
      return {
        ...Object.fromEntries(SERVICES.map((name, i) => [name, cpuSeconds(started.children[i].pid as number)])),
        ...(nats.pid ? { nats: cpuSeconds(nats.pid) } : {}),
        postgres: await backends.total(),
        client: (client.user + client.system) / 1e6,
      };
    };
    const base = `http://127.0.0.1:${portOf('gateway')}/api/v1`;
    gateway = await gatewayTarget(base, 'gateway (microservices)', stageScraper({ gateway: metrics('gateway'), search: metrics('search') }), cpu);
    floor = await floorTarget(base, database.db, cpu);
  }
  let stored = KEEP_DATABASE ? await generatedStored(database.db) : 0;
  for (const size of SIZES) {
    log(`microservices, ${size.toLocaleString('en')} traces:`);
    await fillTo(database.db, database.url, contributor, stored, size);
    stored = size;
    const targets: Target[] = [];
    if (gateway && PARTS.has('gateway')) targets.push(gateway);
    if (floor && PARTS.has('floor')) targets.push(floor);
    if (bus && PARTS.has('bus')) targets.push(busTarget(bus));
    if (PARTS.has('sql')) targets.push(...sqlTargets(pool.dataSource));
    await measure(rows, stageRows, size, targets);
    if (PARTS.has('recall')) recallRows.push(...(await recall(pool.dataSource, size)));
  }
}

async function allInOne(rows: Row[], cleanups: (() => Promise<void>)[]): Promise<void> {
  log(`all-in-one, ${ALL_IN_ONE_SIZE.toLocaleString('en')} traces:`);
  const database = await freshDatabase('bench_search_aio');
  cleanups.push(database.drop);
  await fillTo(database.db, database.url, await accountId(database.db), 0, ALL_IN_ONE_SIZE);
  const port = PORT_BASE + 9;
  // In-process transport: the all-in-one process gets no NATS_URL.
  const started = startProcesses(['all-in-one'], { DATABASE_URL: database.url, NATS_URL: '' }, () => port);
  cleanups.push(() => stopChildren(started.children));
  await started.ready;
  await measure(rows, [], ALL_IN_ONE_SIZE, [await gatewayTarget(`http://127.0.0.1:${port}/api/v1`, 'gateway (all-in-one)')]);
}

async function main(): Promise<void> {
  const service = process.env['BENCH_SERVE'];
  if (service) return serve(service as Service);
  const rows: Row[] = [];
  const recallRows: RecallRow[] = [];
  const stageRows: StageRow[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const c of cleanups.reverse()) await c().catch((e) => log(`cleanup: ${(e as Error).message}`));
    cleanups.length = 0;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  try {
    if (['gateway', 'bus', 'sql', 'recall'].some((p) => PARTS.has(p)) && SIZES.length) await microservices(rows, recallRows, stageRows, cleanups);
    await cleanUp();
    if (PARTS.has('all-in-one') && ALL_IN_ONE_SIZE > 0) await allInOne(rows, cleanups);
  } finally {
    await cleanUp();
  }
  if (JSON_OUTPUT) console.log(JSON.stringify({ rows, recall: recallRows, stages: stageRows }, null, 2));
  else printTables(rows, recallRows, stageRows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
