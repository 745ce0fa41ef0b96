import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions, PeriodicWork } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { BackfillEmbeddingsUseCase } from '../usecases/backfill-embeddings/backfill-embeddings.usecase';
import { EmbeddingModels } from './embedding-models';

/**
 * In the running service (not in one-off commands, which must not change the models unless
 * told to): registers the configured model at start, then sweeps for missing vectors every
 * EMBEDDING_SWEEP_MS, for every active model, promoting a building one when it is complete.
 */
@Injectable()
export class EmbeddingSweeper extends PeriodicWork {
  constructor(
    private readonly models: EmbeddingModels,
    private readonly backfill: BackfillEmbeddingsUseCase,
    private readonly env: AppEnv,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingOptions,
  ) {
    super(messaging, { what: 'sweep', intervalMs: env.EMBEDDING_SWEEP_MS, runAtStart: true, logger: new Logger('EmbeddingSweeper') });
  }

  protected override async prepare(): Promise<void> {
    await this.models.registerConfigured();
  }

  protected run(): Promise<unknown> {
    return this.backfill.execute({ graceSeconds: this.env.EMBEDDING_SWEEP_GRACE_MS / 1000, models: 'active', promote: true });
  }
}
