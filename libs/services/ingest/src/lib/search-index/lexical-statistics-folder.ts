import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingOptions, PeriodicWork } from '@commontrace/messaging';
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
export class LexicalStatisticsFolder extends PeriodicWork {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingOptions,
  ) {
    super(messaging, { what: 'folding the lexical statistics', intervalMs: FOLD_INTERVAL_MS, runAtStart: true, logger: new Logger('LexicalStatistics') });
  }

  protected run(): Promise<number> {
    return foldAllLexicalStatistics(this.dataSource);
  }
}
