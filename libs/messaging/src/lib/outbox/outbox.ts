import { Injectable } from '@nestjs/common';
import { EventContract, EventEnvelope } from '@commontrace/contracts';
import { REQUEST_ID_HEADER, RequestContext } from '@commontrace/util-observability';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { claimIdempotencyKey, recordIdempotentAnswer } from '../idempotency/idempotency-keys';
import { OutboxRelay } from './outbox-relay';

export interface RunOptions {
  /**
   * The write honours the request's Idempotency-Key (sent by the gateway in the bus headers):
   * the key and the work's result are stored in this transaction, and a retry gets that result
   * back instead of a second write (see claimIdempotencyKey). Without a key this changes nothing.
   * The work's result must be the whole reply, because that is what a retry receives.
   */
  idempotent?: boolean;
}

/**
 * Writes a use case's rows and its events in one transaction (and, for an idempotent write, the
 * request's Idempotency-Key with the answer). After the commit the relay is nudged, so events
 * leave at once instead of at the next poll.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const scope = options.idempotent ? RequestContext.idempotency() : undefined;
    let wroteEvents = false;
    const result = await this.dataSource.transaction(async (manager) => {
      if (scope) {
        const stored = await claimIdempotencyKey(manager, scope);
        if (stored) {
          scope.replayed = true;
          return stored.response as T;
        }
      }
      const value = await work(
        new Transaction(manager, () => {
          wroteEvents = true;
        }),
      );
      if (scope) await recordIdempotentAnswer(manager, scope, value);
      return value;
    });
    if (wroteEvents) this.relay.nudge();
    return result;
  }
}

export class Transaction {
  constructor(
    readonly manager: EntityManager,
    private readonly onEvent: () => void,
  ) {}

  /** Records an event to publish once this transaction commits; returns its id. */
  async emit<T extends object>(contract: EventContract<T>, data: T): Promise<string> {
    const id = randomUUID();
    const envelope: EventEnvelope<T> = { id, subject: contract.subject, occurred_at: new Date().toISOString(), data };
    const requestId = RequestContext.requestId();
    await this.manager.query(`INSERT INTO outbox (id, subject, payload, headers) VALUES ($1, $2, $3, $4)`, [
      id,
      contract.subject,
      JSON.stringify(envelope),
      JSON.stringify(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
    ]);
    this.onEvent();
    return id;
  }
}
