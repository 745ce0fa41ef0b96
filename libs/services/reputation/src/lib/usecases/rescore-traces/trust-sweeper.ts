import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { RescoreTracesUseCase } from './rescore-traces.usecase';

/**
 * In the running service (not in one-off commands): every TRUST_SWEEP_MS, rescores a batch of
 * traces whose trust is older than TRUST_RESCORE_AFTER_MS (decay and the standings it changes).
 * Stops on shutdown after the sweep under way.
 */
@Injectable()
export class TrustSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TrustSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly rescore: RescoreTracesUseCase,
    private readonly env: AppEnv,
    @Inject(MESSAGING_OPTIONS) private readonly messaging: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.messaging.consumers) return;
    this.timer = setInterval(() => this.sweep(), this.env.TRUST_SWEEP_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private sweep(): void {
    if (this.running || !this.timer) return;
    this.running = this.rescore
      .execute()
      .catch((error) => this.logger.warn(`trust sweep failed: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
