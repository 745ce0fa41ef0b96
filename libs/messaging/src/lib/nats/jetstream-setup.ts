import { DEAD_LETTER_SUBJECT_PREFIX, EVENT_SUBJECT_PREFIX } from '@commontrace/contracts';
import { JetStreamManager, nanos, RetentionPolicy, StorageType, StreamConfig } from 'nats';
import { DEAD_LETTER_STREAM, EVENTS_STREAM } from '../messaging.options';

const STREAMS: Partial<StreamConfig>[] = [
  {
    name: EVENTS_STREAM,
    subjects: [`${EVENT_SUBJECT_PREFIX}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(7 * 24 * 3600 * 1000),
    // Nats-Msg-Id deduplication window: a relay that republishes within it is ignored.
    duplicate_window: nanos(2 * 60 * 1000),
  },
  {
    name: DEAD_LETTER_STREAM,
    subjects: [`${DEAD_LETTER_SUBJECT_PREFIX}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(30 * 24 * 3600 * 1000),
  },
];

/** Creates the event and dead-letter streams, or brings their configuration up to date. */
export async function ensureStreams(jsm: JetStreamManager): Promise<void> {
  for (const config of STREAMS) {
    try {
      await jsm.streams.info(config.name as string);
      await jsm.streams.update(config.name as string, config);
    } catch (error) {
      if (!/stream not found/i.test((error as Error).message)) throw error;
      await jsm.streams.add(config);
    }
  }
}
