import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions } from '@commontrace/messaging';
import { foldAllLexicalStatistics } from '@commontrace/persistence';
import { DataSource } from 'typeorm';

/** How often the running service folds new documents into the lexical statistics. */
export const FOLD_INTERVAL_MS = 250;

/**
 * In the running service (not in one-off commands): every FOLD_INTERVAL_MS, folds the documents
 * that contributions, amendments and reindexing wrote uncounted into the lexical statistics
 * (`foldLexicalStatistics`). Out of the contribution's transaction, so contributions never queue
 * on the rows of the terms they share, and in batches, so a common term's row is written once per
 * fold rather than once per contribution. Readers count the documents still uncounted in, so the
 * interval changes no figure a search sees, only how many documents it looks up that way.
 */
@Injectable()
export class LexicalStatisticsFolder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LexicalStatistics');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly messaging: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.messaging.consumers) return;
    this.timer = setInterval(() => this.fold(), FOLD_INTERVAL_MS);
    this.timer.unref();
    setImmediate(() => this.fold());
  }

  /** Before connections close: a fold under way finishes with the database still open. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private fold(): void {
    if (this.running || !this.timer) return;
    this.running = foldAllLexicalStatistics(this.dataSource)
      .catch((error) => this.logger.warn(`folding the lexical statistics failed: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
