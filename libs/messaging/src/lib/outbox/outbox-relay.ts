import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
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
 *
 * One pass runs at a time in a process. `drain()` waits for a pass already running (whose
 * claimed rows no other pass can see) and then publishes until nothing is due, so whoever
 * awaits it knows every due row was tried. The relay stops before any connection closes
 * (`beforeApplicationShutdown`): its last pass still has the bus and the database.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private pass?: Promise<number>;
  private again = false;
  private started = false;
  private stopping = false;
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  start(): void {
    if (!this.options.relay || this.started || this.stopping) return;
    this.started = true;
    this.timer = setInterval(() => this.nudge(), this.options.outboxPollMs);
    this.nudge();
  }

  /** Drain soon (coalesced: a nudge during a pass makes it look again before it ends). */
  nudge(): void {
    if (!this.started || this.stopping) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  /**
   * Publishes every row that is due, after the pass already running (if any) has finished.
   * Resolves with the number of rows whose publication failed in those passes (they stay in
   * the outbox and are retried after their back-off).
   */
  async drain(): Promise<number> {
    let failed = 0;
    while (this.pass) failed += await this.pass;
    const pass = this.publishDue();
    this.pass = pass.finally(() => (this.pass = undefined));
    return failed + (await pass);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    while (this.pass) await this.pass;
  }

  private async publishDue(): Promise<number> {
    let failed = 0;
    do {
      this.again = false;
      try {
        const batch = await this.publishBatch();
        failed += batch.failed;
        // Something was due: look again until a pass finds nothing (a failed row backs off first).
        if (batch.handled > 0) this.again = true;
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.prune();
      } catch (error) {
        this.logger.error(`relay pass failed: ${(error as Error).message}`);
        return failed;
      }
    } while (this.again && !this.stopping);
    return failed;
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

  private async publishBatch(): Promise<{ handled: number; failed: number }> {
    const rows: ClaimedRow[] = await this.dataSource.query(
      `UPDATE outbox SET available_at = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND available_at <= now()
                      ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, payload, headers, attempts`,
      [BATCH, LEASE_SECONDS],
    ).then((r) => (Array.isArray(r[0]) ? r[0] : r));
    rows.sort((a, b) => a.payload.occurred_at.localeCompare(b.payload.occurred_at));
    let failed = 0;
    const sent: string[] = [];
    for (const row of rows) {
      try {
        // The attempt number handlers see in process: the row's failed attempts so far, plus this one.
        await this.publisher.publish(row.payload, row.headers, row.attempts + 1);
        sent.push(row.id);
        published.inc({ outcome: 'ok' });
      } catch (error) {
        const attempts = row.attempts + 1;
        const message = ((error as Error)?.message ?? String(error)).slice(0, 2000);
        await this.dataSource.query(
          `UPDATE outbox SET attempts = $2, last_error = $3, available_at = now() + make_interval(secs => $4) WHERE id = $1`,
          [row.id, attempts, message, outboxRetryDelaySeconds(attempts)],
        );
        published.inc({ outcome: 'error' });
        failed += 1;
        this.logger.warn(`event ${row.id} (${row.payload.subject}) not published, attempt ${attempts}: ${message}`);
      }
    }
    // The batch's published rows are marked in one statement. Until it runs, their lease keeps
    // them from other passes; a crash before it publishes them again, which Nats-Msg-Id and the
    // consumers' processed_events make harmless (delivery is at least once either way).
    if (sent.length > 0) await this.dataSource.query(`UPDATE outbox SET sent_at = now(), last_error = NULL WHERE id = ANY($1::uuid[])`, [sent]);
    return { handled: rows.length, failed };
  }
}
