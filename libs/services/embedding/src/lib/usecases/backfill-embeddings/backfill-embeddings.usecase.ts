import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@commontrace/messaging';
import { Database, EmbeddingModelEntity } from '@commontrace/persistence';
import { AppEnv } from '@commontrace/util-config';
import { gauge } from '@commontrace/util-observability';
import { EmbeddingModels } from '../../models/embedding-models';
import { traceText } from '@commontrace/domain-traces';
import { storeVectors, TraceToEmbed } from '../../models/store-vectors';

const backlog = gauge('commontrace_embedding_backlog', 'Traces without a current vector, by model', ['model']);

export interface BackfillResult {
  model: string;
  state: string;
  embedded: number;
  remaining: number;
}

/**
 * Gives every trace a current vector for every active model: the backfill after a provider
 * outage and the re-embedding after a change of model. When the model being built has covered
 * every trace, it takes over from the serving one. Traces younger than `graceSeconds` are left
 * to the event consumer, which is about to embed them.
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

  async execute({ graceSeconds }: { graceSeconds: number }): Promise<BackfillResult[]> {
    const results: BackfillResult[] = [];
    for (const model of await this.models.active()) {
      const result = await this.exclusively(model.model, () => this.fill(model, graceSeconds));
      if (!result) continue;
      if (model.state === 'building' && result.remaining === 0 && (await this.models.promote(model.model))) {
        result.state = 'serving';
      }
      results.push(result);
    }
    return results;
  }

  private async fill(model: EmbeddingModelEntity, graceSeconds: number): Promise<BackfillResult> {
    const ds = this.database.dataSource;
    let embedded = 0;
    const total = await this.missingCount(model.model, graceSeconds);
    for (;;) {
      const traces: TraceToEmbed[] = await ds.query(
        `SELECT t.id, t.title, t.context_text, t.solution_text, t.tags, t.content_hash
           FROM traces t LEFT JOIN trace_embeddings e ON e.trace_id = t.id AND e.model = $1
          WHERE (e.trace_id IS NULL OR e.content_hash <> t.content_hash)
            AND t.created_at < now() - make_interval(secs => $3)
          ORDER BY t.created_at LIMIT $2`,
        [model.model, this.env.EMBEDDING_BATCH_SIZE, graceSeconds],
      );
      if (traces.length === 0) break;
      const vectors = await this.models.embed(model, traces.map(traceText));
      await this.uow.run((tx) => storeVectors(tx, model, traces.map((trace, i) => ({ trace, vector: vectors[i] }))));
      embedded += traces.length;
      backlog.set({ model: model.model }, Math.max(0, total - embedded));
      this.logger.log(`${model.model}: ${embedded}/${total} traces embedded`);
    }
    const remaining = await this.missingCount(model.model, 0);
    backlog.set({ model: model.model }, remaining);
    return { model: model.model, state: model.state, embedded, remaining };
  }

  private async missingCount(model: string, graceSeconds: number): Promise<number> {
    const [row] = await this.database.dataSource.query(
      `SELECT count(*)::int AS n FROM traces t LEFT JOIN trace_embeddings e ON e.trace_id = t.id AND e.model = $1
        WHERE (e.trace_id IS NULL OR e.content_hash <> t.content_hash) AND t.created_at < now() - make_interval(secs => $2)`,
      [model, graceSeconds],
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
