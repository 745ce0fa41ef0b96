import { Injectable } from '@nestjs/common';
import { TraceCreated } from '@commontrace/contracts';
import { answersWanted, traceTerms, wantedTerms } from '@commontrace/domain-search';
import { claimEvent, EventMeta, OnEvent, UnitOfWork } from '@commontrace/messaging';
import { TraceEntity } from '@commontrace/persistence';
import { markAnswered, openCandidates } from '../../wanted/wanted-queries';

export const MARK_ANSWERED_CONSUMER = 'search.mark-answered';

/** How many open questions a new trace is tried against (those sharing a title or tag term, most wanted first). */
export const ANSWER_CANDIDATES = 50;

/**
 * Durable consumer of `trace.created`: the open wanted questions the new trace answers are marked
 * answered by it. Bounded: at most ANSWER_CANDIDATES questions that share a term with the trace's
 * title or tags (GIN lookup), then `answersWanted` on each. In one transaction with the event's
 * id, so a redelivery changes nothing; a question already answered keeps its first answer.
 */
@Injectable()
export class MarkAnsweredUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  @OnEvent(TraceCreated.contract, { consumer: MARK_ANSWERED_CONSUMER })
  handle(event: TraceCreated.TraceCreatedEvent, meta: EventMeta): Promise<void> {
    return this.uow.run(async (tx) => {
      if (!(await claimEvent(tx.manager, MARK_ANSWERED_CONSUMER, meta.eventId))) return;
      const trace = await tx.manager.findOne(TraceEntity, {
        where: { id: event.trace_id },
        select: { id: true, title: true, tags: true, context_text: true, solution_text: true, status: true },
      });
      if (!trace || trace.status === 'hidden') return;
      const terms = traceTerms(trace);
      if (!terms.about.size) return;
      const candidates = await openCandidates(tx.manager, [...terms.about], ANSWER_CANDIDATES);
      const answered = candidates.filter((c) => answersWanted(wantedTerms(c.display_text), terms)).map((c) => c.id);
      await markAnswered(tx.manager, answered, trace.id);
    });
  }
}
