import { Injectable } from '@nestjs/common';
import { TraceAmended } from '@commontrace/contracts';
import { claimEvent, EventMeta, OnEvent, UnitOfWork } from '@commontrace/messaging';
import { TraceEntity } from '@commontrace/persistence';
import { Ledger, POINTS } from '../../ledger/ledger';

export const CREDIT_AMENDMENT_CONSUMER = 'reputation.credit-amendment';

/**
 * Durable consumer of `trace.amended`: an accepted amendment earns its author +5 points
 * (ledger entry `amendment:<amendment id>`), unless the author owns the trace. The event id is
 * claimed in the same transaction, and the entry is keyed by the amendment, so a redelivery
 * changes nothing.
 */
@Injectable()
export class CreditAmendmentUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: Ledger,
  ) {}

  @OnEvent(TraceAmended.contract, { consumer: CREDIT_AMENDMENT_CONSUMER })
  async onTraceAmended(event: TraceAmended.TraceAmendedEvent, meta: EventMeta): Promise<void> {
    await this.uow.run(async (tx) => {
      if (!(await claimEvent(tx.manager, CREDIT_AMENDMENT_CONSUMER, meta.eventId))) return;
      const trace = await tx.manager.findOne(TraceEntity, { where: { id: event.trace_id }, select: { id: true, contributor_id: true } });
      if (!trace || trace.contributor_id === event.author_id) return;
      await this.ledger.set(tx, [
        {
          accountId: event.author_id,
          sourceKey: `amendment:${event.amendment_id}`,
          reason: 'amendment_accepted',
          delta: POINTS.amendment_accepted,
          traceId: trace.id,
          sourceEventId: meta.eventId,
        },
      ]);
    });
  }
}
