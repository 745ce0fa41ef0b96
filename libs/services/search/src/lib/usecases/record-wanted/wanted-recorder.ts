import { Injectable, Logger } from '@nestjs/common';
import { ContentGuard } from '@commontrace/content-guard';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { displayText, isLowConfidence, normalizeQuery, SearchOutcome } from '@commontrace/domain-search';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { upsertWanted } from '../../wanted/wanted-queries';

/**
 * At most this many recordings at once; a search that would start one more records nothing
 * (demand is a statistic: losing an asking under a burst is better than queueing work behind it).
 */
export const MAX_RECORDINGS_IN_FLIGHT = 16;

/** What became of one asking: why it was or was not recorded. */
export type WantedRecording = 'recorded' | 'answered_well' | 'no_words' | 'secret' | 'busy' | 'failed';

/**
 * Records a search's question as demand when the search left it open (`isLowConfidence`). The
 * query text goes through the content guard first: a query holding a credential is not stored at
 * all, personal data is replaced; then it is normalized and counted under its key (an upsert), and
 * its searcher, when named, is counted once as a hash. The returned promise never rejects and a
 * failure is only logged, so a search can call `void recorder.record(...)` without waiting: it is
 * never slowed or failed by it.
 */
@Injectable()
export class WantedRecorder {
  private readonly logger = new Logger('WantedRecorder');
  private inFlight = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly guard: ContentGuard,
  ) {}

  async record(q: string | undefined, outcome: SearchOutcome, searcherId?: string): Promise<WantedRecording> {
    const text = q?.trim() ?? '';
    if (!text) return 'no_words';
    if (!isLowConfidence(outcome)) return 'answered_well';
    if (this.inFlight >= MAX_RECORDINGS_IN_FLIGHT) {
      this.logger.warn(`${this.inFlight} wanted queries are being recorded; this one is not`);
      return 'busy';
    }
    this.inFlight += 1;
    try {
      return await this.store(text, searcherId);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.SecretDetected) return 'secret';
      this.logger.warn(`could not record a wanted query: ${(error as Error).message}`);
      return 'failed';
    } finally {
      this.inFlight -= 1;
    }
  }

  private async store(text: string, searcherId: string | undefined): Promise<WantedRecording> {
    const { texts } = await this.guard.screen({ scan: { q: text }, redact: { q: text } });
    const display = displayText(texts.q);
    const { key, terms } = normalizeQuery(display);
    if (!key) return 'no_words';
    const searcherHash = searcherId ? createHash('sha256').update(`${key}\n${searcherId}`).digest('hex') : null;
    await upsertWanted(this.dataSource.manager, { key, display, terms, searcherHash });
    return 'recorded';
  }
}
