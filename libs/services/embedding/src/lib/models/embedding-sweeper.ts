import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { BackfillEmbeddingsUseCase } from '../usecases/backfill-embeddings/backfill-embeddings.usecase';
import { EmbeddingModels } from './embedding-models';

/** Registers the configured model at start, then (unless in a one-off command) sweeps for missing vectors every EMBEDDING_SWEEP_MS. */
@Injectable()
export class EmbeddingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
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
    await this.models.registerConfigured();
    if (!this.messaging.consumers) return;
    this.timer = setInterval(() => this.sweep(), this.env.EMBEDDING_SWEEP_MS);
    this.timer.unref();
    setImmediate(() => this.sweep());
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private sweep(): void {
    if (this.running || !this.timer) return;
    this.running = this.backfill
      .execute({ graceSeconds: this.env.EMBEDDING_SWEEP_GRACE_MS / 1000 })
      .catch((error) => this.logger.warn(`sweep failed: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
