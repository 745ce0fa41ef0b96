import { Injectable, Logger } from '@nestjs/common';
import { traceText } from '@commontrace/domain-traces';
import { UnitOfWork } from '@commontrace/messaging';
import { Database, EmbeddingModelEntity } from '@commontrace/persistence';
import { AppEnv } from '@commontrace/util-config';
import { gauge } from '@commontrace/util-observability';
import { EmbeddingUnavailableError } from '../../providers/embedding-provider';
import { NOT_SET_ASIDE, recordEmbeddingFailure } from '../../models/embedding-failures';
import { EmbeddingModels } from '../../models/embedding-models';
import { storeVectors, TraceToEmbed } from '../../models/store-vectors';

const backlog = gauge('commontrace_embedding_backlog', 'Traces without a current vector, by model (set-aside ones not counted)', ['model']);
const setAsideNow = gauge('commontrace_embedding_set_aside', 'Traces set aside for a model after repeated failures', ['model']);

export interface BackfillOptions {
  /** Traces younger than this are left to the event consumer, which is about to embed them. */
  graceSeconds: number;
  /** Which models to embed for: the one serving queries, or every active one (serving and building). */
  models: 'serving' | 'active';
  /** Let a building model that covers every trace take over from the serving one. */
  promote: boolean;
}

export interface BackfillResult {
  model: string;
  state: string;
  /** Vectors stored in this run. */
  embedded: number;
  /** Traces the provider failed on in this run (each counts one attempt). */
  failed: number;
  /** Traces set aside for this model: skipped until their text changes (see embedding_failures). */
  set_aside: number;
  /** Traces still without a current vector, set-aside ones not counted. */
  remaining: number;
  /** Why the run stopped early for this model (its provider was unavailable). */
  error?: string;
}

interface Row extends TraceToEmbed {
  cursor: string;
}

/**
 * Gives every trace a current vector for the chosen models: the backfill after a provider
 * outage and the re-embedding after a change of model. Each trace is tried once per run, in
 * order of creation; the provider's failures are isolated to their texts and counted, and a
 * trace that failed MAX_EMBEDDING_ATTEMPTS times on the same content is set aside, so no text
 * can stop the others. When allowed, a building model that has covered every trace created
 * before it started building (except the set-aside ones) takes over from the serving one:
 * newer traces get its vectors from the event consumer, which writes every active model.
 */
@Injectable()
export class BackfillEmbeddingsUseCase {
  private readonly logger = new Logger('Backfill');

  constructor(
    private readonly database: Database,
    private readonly uow: UnitOfWork,
    private readonly models: EmbeddingModels,
    private readonly env: AppEnv,
  ) {}

  async execute(options: BackfillOptions): Promise<BackfillResult[]> {
    const models = options.models === 'serving' ? [await this.models.serving()] : await this.models.active();
    const results: BackfillResult[] = [];
    for (const model of models) {
      const result = await this.exclusively(model.model, () => this.fill(model, options.graceSeconds));
      if (!result) continue;
      if (options.promote && model.state === 'building' && !result.error && (await this.uncovered(model)) === 0) {
        if (await this.models.promote(model.model)) result.state = 'serving';
      }
      results.push(result);
    }
    return results;
  }

  private async fill(model: EmbeddingModelEntity, graceSeconds: number): Promise<BackfillResult> {
    const result: BackfillResult = { model: model.model, state: model.state, embedded: 0, failed: 0, set_aside: 0, remaining: 0 };
    const total = await this.missingCount(model.model, graceSeconds);
    let cursor = { at: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      const traces: Row[] = await this.database.dataSource.query(
        `SELECT t.id, t.title, t.context_text, t.solution_text, t.tags, t.content_hash, t.created_at::text AS cursor
           FROM traces t LEFT JOIN trace_embeddings e ON e.trace_id = t.id AND e.model = $1
          WHERE (e.trace_id IS NULL OR e.content_hash <> t.content_hash)
            AND t.created_at < now() - make_interval(secs => $3)
            AND (t.created_at, t.id) > ($4::timestamptz, $5::uuid)
            AND ${NOT_SET_ASIDE}
          ORDER BY t.created_at, t.id LIMIT $2`,
        [model.model, this.env.EMBEDDING_BATCH_SIZE, graceSeconds, cursor.at, cursor.id],
      );
      if (traces.length === 0) break;
      const last = traces[traces.length - 1];
      cursor = { at: last.cursor, id: last.id };
      let outcomes;
      try {
        outcomes = await this.models.embedEach(model, traces.map(traceText));
      } catch (error) {
        if (!(error instanceof EmbeddingUnavailableError)) throw error;
        result.error = `provider unavailable: ${error.message}`;
        this.logger.warn(`${model.model}: stopped, ${result.error}`);
        break;
      }
      await this.uow.run(async (tx) => {
        const items = [];
        for (const [i, outcome] of outcomes.entries()) {
          const trace = traces[i];
          if ('vector' in outcome) {
            items.push({ trace, vector: outcome.vector });
            continue;
          }
          result.failed += 1;
          const setAside = await recordEmbeddingFailure(tx.manager, model.model, trace, outcome.error);
          const what = setAside ? 'set aside after repeated failures' : 'failed';
          this.logger.warn(`${model.model}: trace ${trace.id} ${what}: ${outcome.error}`);
        }
        result.embedded += await storeVectors(tx, model, items);
      });
      backlog.set({ model: model.model }, Math.max(0, total - result.embedded));
      this.logger.log(`${model.model}: ${result.embedded}/${total} traces embedded`);
    }
    result.remaining = await this.missingCount(model.model, 0);
    result.set_aside = await this.setAsideCount(model.model);
    backlog.set({ model: model.model }, result.remaining);
    setAsideNow.set({ model: model.model }, result.set_aside);
    return result;
  }

  private async missingCount(model: string, graceSeconds: number): Promise<number> {
    const [row] = await this.database.dataSource.query(
      `SELECT count(*)::int AS n FROM traces t LEFT JOIN trace_embeddings e ON e.trace_id = t.id AND e.model = $1
        WHERE (e.trace_id IS NULL OR e.content_hash <> t.content_hash) AND t.created_at < now() - make_interval(secs => $2)
          AND ${NOT_SET_ASIDE}`,
      [model, graceSeconds],
    );
    return row.n;
  }

  /** Traces created before the model started building that still lack its current vector (set-aside ones excepted). */
  private async uncovered(model: EmbeddingModelEntity): Promise<number> {
    const [row] = await this.database.dataSource.query(
      `SELECT count(*)::int AS n FROM traces t LEFT JOIN trace_embeddings e ON e.trace_id = t.id AND e.model = $1
        WHERE (e.trace_id IS NULL OR e.content_hash <> t.content_hash)
          AND t.created_at < coalesce((SELECT building_since FROM embedding_models WHERE model = $1), now())
          AND ${NOT_SET_ASIDE}`,
      [model.model],
    );
    return row.n;
  }

  private async setAsideCount(model: string): Promise<number> {
    const [row] = await this.database.dataSource.query(
      `SELECT count(*)::int AS n FROM embedding_failures f JOIN traces t ON t.id = f.trace_id
        WHERE f.model = $1 AND f.set_aside_at IS NOT NULL AND f.content_hash = t.content_hash`,
      [model],
    );
    return row.n;
  }

  /**
   * One sweeper per model across replicas (a PostgreSQL session lock); the embedded database
   * belongs to one process and needs none. Returns undefined when another replica holds it.
   */
  private async exclusively<T>(model: string, work: () => Promise<T>): Promise<T | undefined> {
    if (this.database.target.kind === 'embedded') return work();
    const runner = this.database.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 1)) AS locked`, [model]);
      if (!locked) return undefined;
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 1))`, [model]);
      }
    } finally {
      await runner.release();
    }
  }
}
