import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { EmbeddingModelEntity } from '@commontrace/persistence';
import { AppEnv } from '@commontrace/util-config';
import { counter, histogram } from '@commontrace/util-observability';
import { DataSource, In, Not } from 'typeorm';
import { createProvider, configuredSpec } from '../providers/create-provider';
import { EmbeddingProvider, ModelSpec, modelId } from '../providers/embedding-provider';
import { EmbedOutcome, embedIsolated } from './embed-isolated';

const vectorsMade = counter('commontrace_embeddings_total', 'Vectors produced, by model', ['model']);
const failures = counter('commontrace_embedding_failures_total', 'Failed provider calls, by model', ['model']);
const latency = histogram(
  'commontrace_embedding_provider_seconds',
  'Provider call latency, by model and outcome',
  ['model', 'outcome'],
  [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
);

/** How long the serving model is cached in memory: a switch reaches queries within this time. */
const SERVING_CACHE_MS = 2000;

export function specOf(row: EmbeddingModelEntity): ModelSpec {
  return { provider: row.provider, providerModel: row.provider_model, dimensions: row.requested_dimensions };
}

/**
 * Which models exist and which one serves queries. The configured model registers at start:
 * it serves at once on a fresh system; after a change of model it is `building` while the
 * sweep embeds every trace with it, and queries keep using the old one until it takes over.
 */
@Injectable()
export class EmbeddingModels {
  private readonly logger = new Logger('EmbeddingModels');
  private readonly providers = new Map<string, EmbeddingProvider>();
  private servingCache?: { row: EmbeddingModelEntity; at: number };

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: AppEnv,
  ) {}

  /** Registers the configured model (idempotent, safe with several replicas starting at once). */
  async registerConfigured(): Promise<EmbeddingModelEntity> {
    const spec = configuredSpec(this.env);
    const id = modelId(spec);
    const row = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('embedding_models', 0))`);
      const repo = m.getRepository(EmbeddingModelEntity);
      const serving = await repo.findOne({ where: { state: 'serving' } });
      // A switch that was abandoned for another model is retired; its vectors are never used.
      await repo.update({ state: 'building', model: Not(id) }, { state: 'retired' });
      const state = !serving || serving.model === id ? 'serving' : 'building';
      await m.query(
        `INSERT INTO embedding_models (model, provider, provider_model, requested_dimensions, state, serving_since, building_since)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'serving' THEN now() END, CASE WHEN $5 = 'building' THEN now() END)
         ON CONFLICT (model) DO UPDATE SET state = EXCLUDED.state,
           serving_since = CASE WHEN EXCLUDED.state = 'serving' THEN coalesce(embedding_models.serving_since, now()) END,
           building_since = CASE WHEN EXCLUDED.state = 'building'
             THEN CASE WHEN embedding_models.state = 'building' THEN embedding_models.building_since ELSE now() END END`,
        [id, spec.provider, spec.providerModel, spec.dimensions ?? null, state],
      );
      return repo.findOneOrFail({ where: { model: id } });
    });
    this.servingCache = undefined;
    this.logger.log(`model ${row.model} (${row.provider}) is ${row.state}`);
    return row;
  }

  async serving(): Promise<EmbeddingModelEntity> {
    if (this.servingCache && Date.now() - this.servingCache.at < SERVING_CACHE_MS) return this.servingCache.row;
    const row = await this.dataSource.getRepository(EmbeddingModelEntity).findOne({ where: { state: 'serving' } });
    if (!row) throw new DomainError(ErrorCode.ServiceUnavailable, 'No embedding model is serving yet');
    this.servingCache = { row, at: Date.now() };
    return row;
  }

  /** The serving model and the one being built, if any: new traces get vectors of both. */
  active(): Promise<EmbeddingModelEntity[]> {
    return this.dataSource.getRepository(EmbeddingModelEntity).find({
      where: { state: In(['serving', 'building']) },
      order: { state: 'DESC' },
    });
  }

  /** The building model takes over from the serving one, if it is still building. */
  async promote(model: string): Promise<boolean> {
    const promoted = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('embedding_models', 0))`);
      const repo = m.getRepository(EmbeddingModelEntity);
      const row = await repo.findOne({ where: { model } });
      if (row?.state !== 'building') return false;
      await repo.update({ state: 'serving' }, { state: 'retired' });
      await repo.update({ model }, { state: 'serving', serving_since: new Date() });
      return true;
    });
    if (promoted) {
      this.servingCache = undefined;
      this.logger.log(`model ${model} now serves queries: every trace has its vector`);
    }
    return promoted;
  }

  /** Embeds with a model's provider, for callers that need the vectors now: any failure is service_unavailable. */
  async embed(row: EmbeddingModelEntity, texts: string[]): Promise<number[][]> {
    try {
      return await this.vectors(row, texts);
    } catch (error) {
      throw new DomainError(ErrorCode.ServiceUnavailable, `Embedding provider for ${row.model} failed: ${(error as Error).message}`);
    }
  }

  /**
   * Embeds each text, isolating the ones the provider fails on (see embedIsolated). Throws
   * EmbeddingUnavailableError when the provider cannot answer at all.
   */
  embedEach(row: EmbeddingModelEntity, texts: string[]): Promise<EmbedOutcome[]> {
    return embedIsolated(texts, (batch) => this.vectors(row, batch));
  }

  /** One measured provider call; its errors pass through as the provider threw them. */
  private async vectors(row: EmbeddingModelEntity, texts: string[]): Promise<number[][]> {
    const provider = this.providerFor(row);
    const stop = latency.startTimer({ model: row.model });
    try {
      const vectors = await provider.embed(texts);
      stop({ outcome: 'ok' });
      vectorsMade.inc({ model: row.model }, vectors.length);
      return vectors;
    } catch (error) {
      stop({ outcome: 'error' });
      failures.inc({ model: row.model });
      throw error;
    }
  }

  private providerFor(row: EmbeddingModelEntity): EmbeddingProvider {
    let provider = this.providers.get(row.model);
    if (!provider) {
      provider = createProvider(specOf(row), this.env);
      this.providers.set(row.model, provider);
    }
    return provider;
  }
}
