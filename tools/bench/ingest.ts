/**
 * Ingest speed through the gateway, microservices mode, offline embedder: contributions per
 * second and p50/p99 latency of `POST /api/v1/traces` at concurrency 1 and 16, with 1k, 10k
 * and 100k traces stored.
 *
 * It creates a fresh database on the local PostgreSQL, starts the gateway and the four
 * services as separate processes (like the built apps, run from source), and fills the
 * background corpus straight into the database, with vectors, to reach each size quickly;
 * only the measured contributions go through the gateway. Traces are realistic (tools,
 * versions, error messages, code blocks; see realistic-traces.ts), so the duplicate check
 * rightly lets them through; refusals are counted and printed.
 *
 * Run: npm run bench:ingest
 *   BENCH_NATS_URL    a NATS server whose CT_EVENTS/CT_DLQ streams may be deleted (never the shared
 *                     one on 4222); default: the bench starts its own nats-server on BENCH_NATS_PORT (4399)
 *   BENCH_SIZES       stored traces to measure at (default 1000,10000,100000)
 *   BENCH_SERIAL      contributions measured at concurrency 1 (default 200)
 *   BENCH_PARALLEL    contributions measured at concurrency 16 (default 800)
 *   BENCH_PORT_BASE   first HTTP port of the five processes (default 4310)
 *   BENCH_SECRETLINT_PROFILER=off  diagnosis: ingest without secretlint's always-on profiler (see below)
 *   BENCH_PROFILE     services to CPU-profile, e.g. ingest,gateway (profiles in $TMPDIR/ct-bench-profiles)
 *   TEST_POSTGRES_URL the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { contentHash, traceText } from '@commontrace/domain-traces';
import { Database, runMigrations, toVectorLiteral } from '@commontrace/persistence';
import { RATE_LIMITS_FOR_TOOLS, REGISTRATION_LIMITS_FOR_TOOLS } from '@commontrace/util-config';
import { createTestDatabase, resetJetStream, waitFor } from '@commontrace/util-testing';
import { backendCpu, cpuSeconds } from './process-cpu';
import { GeneratedTrace, realisticTrace } from './realistic-traces';

const SIZES = (process.env['BENCH_SIZES'] ?? '1000,10000,100000').split(',').map(Number);
const SERIAL = Number(process.env['BENCH_SERIAL'] ?? 200);
const PARALLEL = Number(process.env['BENCH_PARALLEL'] ?? 800);
const CONCURRENCY = 16;
/** Services to run with --cpu-prof (profiles land in $TMPDIR/ct-bench-profiles when they stop). */
const PROFILE = (process.env['BENCH_PROFILE'] ?? '').split(',').filter(Boolean);
const PORT_BASE = Number(process.env['BENCH_PORT_BASE'] ?? 4310);
const SERVICES = ['ingest', 'embedding', 'search', 'reputation', 'gateway'] as const;
type Service = (typeof SERVICES)[number];
/** Processes whose CPU is reported per contribution, PostgreSQL last. */
const CPU_COLUMNS = ['gateway', 'ingest', 'embedding', 'search', 'reputation', 'postgres'];
/** Seeds of measured contributions start here; the background corpus uses 0 … size. */
const MEASURED_SEEDS = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Child mode: with BENCH_SERVE=<service> the script runs one service, as apps/<service>/src/main.ts does.

async function serve(name: Service): Promise<void> {
  const { runMain } = await import('@commontrace/runtime');
  const modules = {
    ingest: async () => (await import('@commontrace/service-ingest')).IngestModule,
    embedding: async () => (await import('@commontrace/service-embedding')).EmbeddingModule,
    search: async () => (await import('@commontrace/service-search')).SearchModule,
    reputation: async () => (await import('@commontrace/service-reputation')).ReputationModule,
    gateway: async () => (await import('@commontrace/service-gateway')).GatewayModule,
  };
  const gateway = name === 'gateway';
  if (name === 'ingest' && process.env['BENCH_SECRETLINT_PROFILER'] === 'off') await silenceSecretlintProfiler();
  await runMain({
    service: name,
    features: [await modules[name]()],
    handlesRequests: !gateway,
    relay: !gateway,
    defaultPort: PORT_BASE,
    requireEnv: ['DATABASE_URL', 'NATS_URL'],
    ...(gateway ? { configureHttp: (await import('@commontrace/service-gateway')).configureGatewayHttp } : {}),
  });
}

/**
 * Diagnosis only, never the default: secretlint 12/13 records a performance mark per rule per
 * scanned text and its observer searches every mark so far on each one, so the scan of a
 * contribution costs more the longer the process has run (see docs/benchmarks.md, Ingest).
 * With BENCH_SECRETLINT_PROFILER=off the ingest process turns those marks off before it starts,
 * which shows what ingest costs without that defect.
 */
async function silenceSecretlintProfiler(): Promise<void> {
  const load = new Function('s', 'return import(s)') as (s: string) => Promise<{ secretLintProfiler: { mark(): void } }>;
  const { secretLintProfiler } = await load('@secretlint/profiler');
  secretLintProfiler.mark = () => undefined;
  console.log('ingest: secretlint profiler marks off (BENCH_SECRETLINT_PROFILER=off)');
}

// ---------------------------------------------------------------------------------------------
// The stack: a database, NATS, five processes.

interface Stack {
  gatewayUrl: string;
  db: Client;
  /** CPU seconds used so far by each service process and by the database's backends. */
  cpu(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

function natsUrl(): { url: string; server?: ChildProcess; dir?: string } {
  const given = process.env['BENCH_NATS_URL'];
  if (given) {
    if (new URL(given).port === '4222') throw new Error('BENCH_NATS_URL: the bench deletes its streams; never point it at the shared NATS on 4222');
    return { url: given };
  }
  const port = process.env['BENCH_NATS_PORT'] ?? '4399';
  const dir = mkdtempSync(join(tmpdir(), 'ct-bench-nats-'));
  const server = spawn('nats-server', ['-js', '-p', port, '-sd', dir], { stdio: 'ignore' });
  return { url: `nats://127.0.0.1:${port}`, server, dir };
}

async function startStack(): Promise<Stack> {
  const nats = natsUrl();
  const children: ChildProcess[] = [];
  let stopping = false;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let db: Client | undefined;
  /** A connection of its own for the CPU sampler, which runs while `db` fills. */
  let monitor: Client | undefined;
  let sampler: ReturnType<typeof backendCpu> | undefined;
  const stop = async () => {
    stopping = true;
    sampler?.stop();
    await db?.end();
    await monitor?.end();
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))));
    await database?.drop();
    if (nats.server) {
      nats.server.kill('SIGTERM');
      await new Promise((resolve) => (nats.server?.exitCode !== null ? resolve(null) : nats.server.once('exit', resolve)));
      rmSync(nats.dir as string, { recursive: true, force: true });
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(130)));
  }
  try {
    await waitFor(() => resetJetStream(nats.url).then(() => true, () => false), { timeoutMs: 10_000, what: 'NATS' });
    database = await createTestDatabase('bench_ingest');
    const migrator = await Database.open({ kind: 'postgres', url: database.url, poolSize: 1 });
    await runMigrations(migrator.dataSource, { lock: false });
    await migrator.close();

    const portOf = (name: Service) => PORT_BASE + SERVICES.indexOf(name);
    for (const name of SERVICES) {
      const profile = PROFILE.includes(name) ? ['--cpu-prof', '--cpu-prof-dir', join(tmpdir(), 'ct-bench-profiles')] : [];
      const child = spawn(process.execPath, [...profile, '-r', '@swc-node/register', __filename], {
        env: {
          ...process.env,
          SWC_NODE_PROJECT: 'tsconfig.base.json',
          BENCH_SERVE: name,
          DATABASE_URL: database.url,
          NATS_URL: nats.url,
          PORT: String(portOf(name)),
          LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
          EMBEDDING_PROVIDER: 'offline',
          // A benchmark is one account sending far past any tier's limits.
          RATE_LIMITS: RATE_LIMITS_FOR_TOOLS,
          // No load balancer to wait for: stop serving at once on SIGTERM.
          SHUTDOWN_DRAIN_DELAY_MS: '0',
          REGISTRATION_LIMITS: REGISTRATION_LIMITS_FOR_TOOLS,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('exit', (code) => {
        if (!stopping) console.error(`${name} exited (${code}) during the benchmark`);
      });
      children.push(child);
    }
    for (const [i, name] of SERVICES.entries()) {
      await waitFor(
        () => {
          if (children[i].exitCode !== null) throw new Error(`${name} did not start`);
          return fetch(`http://127.0.0.1:${portOf(name)}/health/ready`).then((r) => r.ok, () => false);
        },
        { timeoutMs: 120_000, intervalMs: 500, what: `${name} to be ready` },
      );
    }
    db = new Client({ connectionString: database.url });
    await db.connect();
    monitor = new Client({ connectionString: database.url });
    await monitor.connect();
    const own = (db as Client & { processID: number }).processID;
    sampler = backendCpu(monitor, () => [own]);
    const backends = sampler;
    const cpu = async () => ({
      ...Object.fromEntries(SERVICES.map((name, i) => [name, cpuSeconds(children[i].pid as number)])),
      postgres: await backends.total(),
    });
    return { gatewayUrl: `http://127.0.0.1:${portOf('gateway')}/api/v1`, db, cpu, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The background corpus, straight into the database with its vectors.

const BATCH = 250;

async function fill(db: Client, contributor: string, from: number, to: number): Promise<void> {
  if (to <= from) return;
  const started = Date.now();
  // Building the HNSW index once is much faster than inserting 100k vectors into it one by one.
  const [{ indexdef }] = (await db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'trace_embeddings_hnsw_idx'`)).rows;
  await db.query(`DROP INDEX trace_embeddings_hnsw_idx`);
  for (let start = from; start < to; start += BATCH) {
    const traces: GeneratedTrace[] = [];
    for (let seed = start; seed < Math.min(to, start + BATCH); seed++) traces.push(realisticTrace(seed));
    const hashes = traces.map(contentHash);
    // One transaction per batch: the embedding service's sweep never sees a trace without its vector.
    await db.query('BEGIN');
    const { rows } = await db.query<{ id: string; content_hash: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status, created_at)
       SELECT t.title, t.context_text, t.solution_text, string_to_array(t.tags, ','), $5, t.hash, 'pending', now() - interval '1 day'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::text[]) AS t(title, context_text, solution_text, tags, hash)
       RETURNING id, content_hash`,
      [traces.map((t) => t.title), traces.map((t) => t.context_text), traces.map((t) => t.solution_text), traces.map((t) => t.tags.join(',')), contributor, hashes],
    );
    const idByHash = new Map(rows.map((r) => [r.content_hash.trim(), r.id]));
    const vectors = traces.map((t) => toVectorLiteral(hashingEmbed(traceText(t))));
    await db.query(
      `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
       SELECT e.id::uuid, $3, 'offline', $4, e.v::vector, e.hash FROM unnest($1::text[], $2::text[], $5::text[]) AS e(id, v, hash)`,
      [hashes.map((h) => idByHash.get(h)), vectors, HASHING_MODEL_ID, HASHING_DIMENSIONS, hashes],
    );
    await db.query('COMMIT');
  }
  await db.query(`SET maintenance_work_mem = '2GB'`);
  await db.query(indexdef);
  await db.query(`ANALYZE traces; ANALYZE trace_embeddings`);
  console.log(`  stored ${to - from} background traces in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// ---------------------------------------------------------------------------------------------
// The measurement.

interface Run {
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
}

async function contribute(url: string, key: string, seeds: number[], concurrency: number): Promise<Run> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < seeds.length) {
      const body = JSON.stringify(realisticTrace(seeds[next++]));
      const t0 = process.hrtime.bigint();
      const response = await fetch(`${url}/traces`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body });
      await response.arrayBuffer();
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latencies, statuses };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Waits until the events of the last run are published and every trace has its vector, so runs do not overlap. */
async function settle(db: Client): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await db.query(
        `SELECT (SELECT count(*) FROM outbox WHERE sent_at IS NULL)::int AS unsent,
                (SELECT count(*) FROM traces t WHERE NOT EXISTS (SELECT 1 FROM trace_embeddings e WHERE e.trace_id = t.id))::int AS unembedded`,
      );
      return rows[0].unsent === 0 && rows[0].unembedded === 0;
    },
    { timeoutMs: 300_000, intervalMs: 500 },
  );
}

async function main(): Promise<void> {
  const service = process.env['BENCH_SERVE'];
  if (service) return serve(service as Service);
  const stack = await startStack();
  try {
    const key = await fetch(`${stack.gatewayUrl}/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench' }),
    }).then((r) => r.json() as Promise<{ api_key: string; contributor_id: string }>);
    let seed = MEASURED_SEEDS;
    const take = (n: number) => Array.from({ length: n }, () => seed++);
    // Warm-up: JIT, connection pools, the services' first queries.
    await contribute(stack.gatewayUrl, key.api_key, take(30), 4);
    await settle(stack.db);

    const lines = ['| stored | concurrency | contributions | contributions/s | p50 ms | p99 ms | answers |', '|---:|---:|---:|---:|---:|---:|---|'];
    const cpuLines = [
      '| stored | concurrency | gateway | ingest | embedding | search | reputation | postgres (the services\' backends) | total | load average before |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    let background = 0;
    for (const size of SIZES) {
      const stored = Number((await stack.db.query(`SELECT count(*) FROM traces`)).rows[0].count);
      await fill(stack.db, key.contributor_id, background, background + Math.max(0, size - stored));
      background += Math.max(0, size - stored);
      for (const [concurrency, n] of [
        [1, SERIAL],
        [CONCURRENCY, PARALLEL],
      ]) {
        const before = await stack.cpu();
        const load = loadavg()[0];
        const run = await contribute(stack.gatewayUrl, key.api_key, take(n), concurrency);
        await settle(stack.db);
        const after = await stack.cpu();
        const cpuMs = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / n;
        const sorted = [...run.latencies].sort((a, b) => a - b);
        const answers = [...run.statuses].map(([status, count]) => `${count}× ${status}`).join(', ');
        const line = `| ${size.toLocaleString('en')} | ${concurrency} | ${n} | ${(n / run.seconds).toFixed(1)} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 99).toFixed(0)} | ${answers} |`;
        console.log(line);
        lines.push(line);
        cpuLines.push(
          `| ${size.toLocaleString('en')} | ${concurrency} | ${CPU_COLUMNS.map((s) => cpuMs(s).toFixed(1)).join(' | ')} | ${CPU_COLUMNS.map(cpuMs).reduce((a, b) => a + b, 0).toFixed(1)} | ${load.toFixed(1)} |`,
        );
      }
    }
    console.log(`\n${lines.join('\n')}\n\nCPU ms per contribution (including its event and embedding, after the run)\n${cpuLines.join('\n')}`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
