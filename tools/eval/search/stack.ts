/**
 * The system under evaluation: the all-in-one process (every module, in-process transport),
 * started in this process against a fresh, empty database on the local PostgreSQL, with the
 * offline embedder unless EMBEDDING_PROVIDER says otherwise. A set's corpus goes in through
 * POST /api/v1/traces like any contribution; optional distractor traces (tools/bench's
 * realistic generator) go straight into the database, with their offline vectors.
 */
import { INestApplication } from '@nestjs/common';
import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { contentHash, traceText } from '@commontrace/domain-traces';
import { toVectorLiteral } from '@commontrace/persistence';
import { startApp } from '@commontrace/runtime';
import { EmbeddingModule } from '@commontrace/service-embedding';
import { configureGatewayHttp, GatewayModule } from '@commontrace/service-gateway';
import { IngestModule, ReindexSearchUseCase } from '@commontrace/service-ingest';
import { ReputationModule } from '@commontrace/service-reputation';
import { SearchModule } from '@commontrace/service-search';
import { RATE_LIMITS_FOR_TOOLS, REGISTRATION_LIMITS_FOR_TOOLS, validateEnv } from '@commontrace/util-config';
import { createTestDatabase, waitFor } from '@commontrace/util-testing';
import { DataSource } from 'typeorm';
import { GeneratedTrace, realisticTrace } from '../../bench/realistic-traces';
import { CorpusTrace } from './sets';

export interface Stack {
  baseUrl: string;
  apiKey: string;
  contributorId: string;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Indexes for lexical search what was stored straight into the database (ingest's reindex). */
  reindexSearch(): Promise<number>;
  stop(): Promise<void>;
}

/** Settings the evaluated process takes from the environment (the embedder); everything else is fixed. */
const PASSED_THROUGH = /^(EMBEDDING_|OPENAI_|LOCAL_MODEL_PATH$)/;

export async function startStack(): Promise<Stack> {
  const database = await createTestDatabase('eval_search');
  let app: INestApplication | undefined;
  try {
    const passed = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => PASSED_THROUGH.test(k) && v !== undefined)) as Record<string, string>;
    const env = validateEnv({
      EMBEDDING_PROVIDER: 'offline',
      // The corpus is contributed through the API with one key, far past a tier's limits.
      RATE_LIMITS: RATE_LIMITS_FOR_TOOLS,
      REGISTRATION_LIMITS: REGISTRATION_LIMITS_FOR_TOOLS,
      ...passed,
      DATABASE_URL: database.url,
      LOG_LEVEL: process.env['EVAL_LOG_LEVEL'] ?? 'warn',
      OUTBOX_POLL_MS: '100',
      // Quality, not speed: a slow answer on a busy machine is still scored, not turned into a 504.
      BUS_TIMEOUT_MS: process.env['BUS_TIMEOUT_MS'] ?? '120000',
      EMBEDDING_SWEEP_MS: '2000',
      EMBEDDING_SWEEP_GRACE_MS: '2000',
    });
    app = await startApp({
      service: 'all-in-one',
      env,
      features: [GatewayModule, IngestModule, EmbeddingModule, SearchModule, ReputationModule],
      handlesRequests: true,
      relay: true,
      migrateOnStart: true,
      configureHttp: configureGatewayHttp,
      port: 0,
    });
    const started = app;
    const baseUrl = `http://127.0.0.1:${started.getHttpServer().address().port}/api/v1`;
    const ds = started.get(DataSource);
    const response = await fetch(`${baseUrl}/keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'eval-search' }) });
    if (response.status !== 201) throw new Error(`POST /keys answered ${response.status}`);
    const key = (await response.json()) as { api_key: string; contributor_id: string };
    // Interrupted, the evaluation still drops its database. Nest's shutdown hooks close the app on
    // the same signal and raise it again: this listener stays until the drop is done, so that
    // second signal does not end the process first.
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await started.close().catch(() => undefined);
        await database.drop();
        process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
      })());
    const interrupted = () => void stop().finally(() => process.exit(130));
    process.on('SIGINT', interrupted).on('SIGTERM', interrupted);
    return {
      baseUrl,
      apiKey: key.api_key,
      contributorId: key.contributor_id,
      query: (sql, params) => ds.query(sql, params),
      reindexSearch: async () => (await started.get(ReindexSearchUseCase).execute()).reindexed,
      stop,
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.drop();
    throw error;
  }
}

export async function post<T>(stack: Stack, path: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.apiKey },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as T };
}

export interface Loaded {
  /** Stored id → local id. */
  localOf: Map<string, string>;
  stored: number;
  /** Local ids stored only with `force: true` (the corpus holds a near-duplicate of them). */
  forced: string[];
  rejected: { id: string; status: number; code: string }[];
}

/**
 * Contributes the corpus in its order, one at a time (the duplicate check depends on what is
 * stored already): a trace refused as a duplicate of an earlier one is sent again with
 * `force: true`. Waits until every stored trace has its vector.
 */
export async function loadCorpus(stack: Stack, corpus: CorpusTrace[]): Promise<Loaded> {
  const loaded: Loaded = { localOf: new Map(), stored: 0, forced: [], rejected: [] };
  for (const { id, ...trace } of corpus) {
    let answer = await post<{ id?: string; code?: string }>(stack, '/traces', trace);
    if (answer.status === 409 && answer.body.code === 'duplicate_trace') {
      loaded.forced.push(id);
      answer = await post(stack, '/traces', { ...trace, force: true });
    }
    if (answer.status === 201 && answer.body.id) {
      loaded.localOf.set(answer.body.id, id);
      loaded.stored += 1;
    } else {
      loaded.rejected.push({ id, status: answer.status, code: answer.body.code ?? '' });
    }
  }
  await waitFor(
    async () => {
      const [row] = await stack.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM traces t WHERE NOT EXISTS (SELECT 1 FROM trace_embeddings e WHERE e.trace_id = t.id)`,
      );
      return row.n === 0;
    },
    { timeoutMs: 600_000, intervalMs: 200, what: 'every trace to have its vector' },
  );
  return loaded;
}

/** The distractor trace of one seed (deterministic: the BM25 baseline indexes the same ones). */
export function distractor(seed: number): GeneratedTrace {
  return realisticTrace(seed);
}

const BATCH = 500;

/**
 * Stores `count` distractor traces straight into the database with their offline vectors, as
 * tools/bench/ingest.ts fills its background corpus (the HNSW index is rebuilt once at the end),
 * then gives them their lexical postings with ingest's reindex, as if ingest had stored them.
 */
export async function loadDistractors(stack: Stack, count: number): Promise<void> {
  if (count <= 0) return;
  const [{ indexdef }] = await stack.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'trace_embeddings_hnsw_idx'`);
  await stack.query(`DROP INDEX trace_embeddings_hnsw_idx`);
  for (let start = 0; start < count; start += BATCH) {
    const traces: GeneratedTrace[] = [];
    for (let seed = start; seed < Math.min(count, start + BATCH); seed++) traces.push(distractor(seed));
    const hashes = traces.map(contentHash);
    const vectors = traces.map((t) => toVectorLiteral(hashingEmbed(traceText(t))));
    // One statement: the embedding service's sweep never sees a distractor without its vector.
    await stack.query(
      `WITH t AS (
         INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status, created_at)
         SELECT d.title, d.context_text, d.solution_text, string_to_array(d.tags, ','), $5, d.hash, 'pending', now() - interval '1 day'
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::text[]) AS d(title, context_text, solution_text, tags, hash)
         RETURNING id, content_hash)
       INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
       SELECT t.id, $7, 'offline', $8, e.v::vector, e.hash
         FROM t JOIN unnest($6::text[], $9::text[]) AS e(hash, v) ON e.hash = t.content_hash`,
      [
        traces.map((t) => t.title),
        traces.map((t) => t.context_text),
        traces.map((t) => t.solution_text),
        traces.map((t) => t.tags.join(',')),
        stack.contributorId,
        hashes,
        HASHING_MODEL_ID,
        HASHING_DIMENSIONS,
        vectors,
      ],
    );
  }
  // One multi-statement query, so the setting applies to the connection that builds the index.
  await stack.query(`SET maintenance_work_mem = '1GB'; ${indexdef}; RESET maintenance_work_mem; ANALYZE traces; ANALYZE trace_embeddings`);
  await stack.reindexSearch();
  await stack.query(`ANALYZE lexical_postings; ANALYZE lexical_documents; ANALYZE lexical_terms`);
}
