import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions, PeriodicWork } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { RescoreTracesUseCase } from './rescore-traces.usecase';

/**
 * In the running service (not in one-off commands): every TRUST_SWEEP_MS, rescores a batch of
 * traces whose trust is older than TRUST_RESCORE_AFTER_MS (decay and the standings it changes).
 * Stops on shutdown after the sweep under way.
 */
@Injectable()
export class TrustSweeper extends PeriodicWork {
  constructor(
    private readonly rescore: RescoreTracesUseCase,
    env: AppEnv,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingOptions,
  ) {
    super(messaging, { what: 'trust sweep', intervalMs: env.TRUST_SWEEP_MS, runAtStart: false, logger: new Logger('TrustSweeper') });
  }

  protected run(): Promise<unknown> {
    return this.rescore.execute();
  }
}
