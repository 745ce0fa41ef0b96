import { Injectable } from '@nestjs/common';
import { TraceStandingChanged, TraceStatusChanged } from '@commontrace/contracts';
import { claimEvent, EventMeta, OnEvent, UnitOfWork } from '@commontrace/messaging';
import { TraceEntity } from '@commontrace/persistence';
import { statusFromStanding } from './standing-rules';

export const APPLY_STANDING_CONSUMER = 'ingest.apply-standing';

/**
 * Durable consumer of `trace.standing-changed`: ingest owns `traces.status`, the reputation
 * service decides standings (from evidence, flags or a moderator). In one transaction with the
 * event's id: the trace is locked, the decision is applied by `statusFromStanding` (or ignored),
 * `standing_decided_at` records it, and `trace.status-changed` is emitted when the status moved.
 * A redelivery changes nothing; a decision older than the last one applied changes nothing.
 */
@Injectable()
export class ApplyStandingUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  @OnEvent(TraceStandingChanged.contract, { consumer: APPLY_STANDING_CONSUMER })
  handle(event: TraceStandingChanged.TraceStandingChangedEvent, meta: EventMeta): Promise<void> {
    return this.uow.run(async (tx) => {
      if (!(await claimEvent(tx.manager, APPLY_STANDING_CONSUMER, meta.eventId))) return;
      const trace = await tx.manager.findOne(TraceEntity, {
        where: { id: event.trace_id },
        select: { id: true, status: true, superseded_by: true, standing_decided_at: true },
        lock: { mode: 'pessimistic_write' },
      });
      if (!trace) return;
      const status = statusFromStanding(trace, event);
      if (!status) return;
      await tx.manager.update(TraceEntity, { id: trace.id }, { status, standing_decided_at: new Date(event.decided_at) });
      if (status === trace.status) return;
      await tx.emit(TraceStatusChanged.contract, { trace_id: trace.id, from: trace.status, to: status, reason: event.reason });
    });
  }
}
