import { INestApplication } from '@nestjs/common';
import { ConfigError } from '@commontrace/util-config';
import { DataSource } from 'typeorm';
import { EmbeddingModels } from '../../models/embedding-models';
import { BackfillEmbeddingsUseCase, BackfillResult } from './backfill-embeddings.usecase';

export const BACKFILL_FLAGS = {
  /** Register the configured model (building, if another serves), embed for it, and let it take over when complete. */
  buildConfigured: '--build-configured',
  /** Give the traces set aside for the models being filled another chance. */
  retrySetAside: '--retry-set-aside',
} as const;

/**
 * `node dist/apps/embedding/main.js backfill [--build-configured] [--retry-set-aside]`: embeds
 * every trace that lacks a current vector of the model serving queries, once, with no grace
 * period. Without `--build-configured` it never registers a model, never embeds for another and
 * never promotes one, whatever EMBEDDING_PROVIDER says.
 */
export async function backfillCommand(app: INestApplication, args: string[]): Promise<BackfillResult[]> {
  const known: string[] = Object.values(BACKFILL_FLAGS);
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length) throw new ConfigError(`backfill: unknown argument(s) ${unknown.join(' ')} (known: ${known.join(' ')})`);
  const build = args.includes(BACKFILL_FLAGS.buildConfigured);
  const models = app.get(EmbeddingModels);
  if (build) await models.registerConfigured();
  else
    await models.serving().catch(() => {
      throw new ConfigError('backfill: no embedding model serves queries yet; start the embedding service once, or run backfill --build-configured');
    });
  if (args.includes(BACKFILL_FLAGS.retrySetAside)) {
    const names = build ? (await models.active()).map((m) => m.model) : [(await models.serving()).model];
    await app.get(DataSource).query(`DELETE FROM embedding_failures WHERE model = ANY($1)`, [names]);
  }
  return app.get(BackfillEmbeddingsUseCase).execute({ graceSeconds: 0, models: build ? 'active' : 'serving', promote: build });
}
