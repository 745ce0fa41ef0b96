import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { BackfillEmbeddingsUseCase } from '../usecases/backfill-embeddings/backfill-embeddings.usecase';
import { EmbeddingModels } from './embedding-models';

/**
 * In the running service (not in one-off commands, which must not change the models unless
 * told to): registers the configured model at start, then sweeps for missing vectors every
 * EMBEDDING_SWEEP_MS, for every active model, promoting a building one when it is complete.
 */
@Injectable()
export class EmbeddingSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EmbeddingSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly models: EmbeddingModels,
    private readonly backfill: BackfillEmbeddingsUseCase,
    private readonly env: AppEnv,
    @Inject(MESSAGING_OPTIONS) private readonly messaging: MessagingOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.messaging.consumers) return;
    await this.models.registerConfigured();
    this.timer = setInterval(() => this.sweep(), this.env.EMBEDDING_SWEEP_MS);
    this.timer.unref();
    setImmediate(() => this.sweep());
  }

  /** Before connections close: a sweep under way finishes with the database still open. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private sweep(): void {
    if (this.running || !this.timer) return;
    this.running = this.backfill
      .execute({ graceSeconds: this.env.EMBEDDING_SWEEP_GRACE_MS / 1000, models: 'active', promote: true })
      .catch((error) => this.logger.warn(`sweep failed: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
