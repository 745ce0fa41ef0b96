import { Injectable } from '@nestjs/common';
import { EventContract, EventEnvelope } from '@commontrace/contracts';
import { REQUEST_ID_HEADER, RequestContext } from '@commontrace/util-observability';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxRelay } from './outbox-relay';

/**
 * Writes a use case's rows and its events in one transaction. After the commit the relay is
 * nudged, so events leave at once instead of at the next poll.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let wroteEvents = false;
    const result = await this.dataSource.transaction(async (manager) =>
      work(
        new Transaction(manager, () => {
          wroteEvents = true;
        }),
      ),
    );
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
