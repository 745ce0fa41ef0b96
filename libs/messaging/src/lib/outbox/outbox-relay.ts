import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope } from '@commontrace/contracts';
import { counter } from '@commontrace/util-observability';
import { DataSource } from 'typeorm';
import { EventPublisher } from '../events/event-publisher';
import { pruneIdempotencyKeys } from '../idempotency/idempotency-keys';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

const BATCH = 100;
/** A claimed row is invisible to other relays for this long; a crash mid-publish only delays it. */
const LEASE_SECONDS = 30;

/** Sent events are kept this long (as long as the stream keeps them), then deleted. */
export const OUTBOX_RETENTION_DAYS = 7;
/** Processed event ids are kept well past the longest redelivery, then deleted. */
export const PROCESSED_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 10 * 60_000;

const published = counter('commontrace_outbox_published_total', 'Outbox events published', ['outcome']);

/** Back-off after a failed publish: 1 s, 2 s, 4 s … capped at five minutes. */
export function outboxRetryDelaySeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.max(0, attempts - 1));
}

interface ClaimedRow {
  id: string;
  payload: EventEnvelope;
  headers: Record<string, string>;
  attempts: number;
}

/**
 * Publishes outbox rows and marks them sent. Rows are claimed with a lease in one statement
 * (FOR UPDATE SKIP LOCKED), so several relays share the work and none holds a transaction
 * while publishing. Delivery is at least once: the event id travels as Nats-Msg-Id and
 * consumers record what they applied.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = true;
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  start(): void {
    if (!this.options.relay || !this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.nudge(), this.options.outboxPollMs);
    this.nudge();
  }

  /** Drain now (coalesced: a nudge during a drain causes one more pass). */
  nudge(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Publishes until nothing is due; resolves when done. Used by tests and at shutdown. */
  async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        const handled = await this.publishBatch();
        if (handled === BATCH) this.again = true;
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.prune();
      } catch (error) {
        if (!this.stopped) this.logger.error(`relay pass failed: ${(error as Error).message}`);
      }
    } while (this.again && !this.stopped);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
  }

  /** Deletes sent events, processed-event ids and idempotency keys past their retention, so the tables stay small. */
  async prune(): Promise<void> {
    this.lastPrune = Date.now();
    await this.dataSource.query(`DELETE FROM outbox WHERE sent_at < now() - make_interval(days => $1)`, [OUTBOX_RETENTION_DAYS]);
    await this.dataSource.query(`DELETE FROM processed_events WHERE processed_at < now() - make_interval(days => $1)`, [
      PROCESSED_RETENTION_DAYS,
    ]);
    await pruneIdempotencyKeys(this.dataSource);
  }

  private async publishBatch(): Promise<number> {
    const rows: ClaimedRow[] = await this.dataSource.query(
      `UPDATE outbox SET available_at = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND available_at <= now()
                      ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, payload, headers, attempts`,
      [BATCH, LEASE_SECONDS],
    ).then((r) => (Array.isArray(r[0]) ? r[0] : r));
    rows.sort((a, b) => a.payload.occurred_at.localeCompare(b.payload.occurred_at));
    for (const row of rows) {
      try {
        await this.publisher.publish(row.payload, row.headers);
        await this.dataSource.query(`UPDATE outbox SET sent_at = now(), last_error = NULL WHERE id = $1`, [row.id]);
        published.inc({ outcome: 'ok' });
      } catch (error) {
        const attempts = row.attempts + 1;
        const message = ((error as Error)?.message ?? String(error)).slice(0, 2000);
        await this.dataSource.query(
          `UPDATE outbox SET attempts = $2, last_error = $3, available_at = now() + make_interval(secs => $4) WHERE id = $1`,
          [row.id, attempts, message, outboxRetryDelaySeconds(attempts)],
        );
        published.inc({ outcome: 'error' });
        this.logger.warn(`event ${row.id} (${row.payload.subject}) not published, attempt ${attempts}: ${message}`);
      }
    }
    return rows.length;
  }
}
