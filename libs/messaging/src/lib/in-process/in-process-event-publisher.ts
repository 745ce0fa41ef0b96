import { EventEnvelope } from '@commontrace/contracts';
import { EventHandlers } from '../events/event-handlers';
import { EventPublisher } from '../events/event-publisher';

/**
 * All-in-one mode: the outbox itself is the durable log. An event counts as published only when
 * every local handler has applied it; a failure leaves the outbox row for the relay to retry
 * (handlers are idempotent, so the ones that succeeded skip it next time). Handlers see the
 * relay's attempt number, as JetStream consumers see the delivery count.
 */
export class InProcessEventPublisher extends EventPublisher {
  constructor(private readonly handlers: EventHandlers) {
    super();
  }

  async publish(envelope: EventEnvelope, headers: Record<string, string>, attempt: number): Promise<void> {
    const failures: string[] = [];
    for (const handler of this.handlers.forSubject(envelope.subject)) {
      try {
        await handler.invoke(envelope, headers, attempt);
      } catch (error) {
        failures.push(`${handler.consumer}: ${(error as Error)?.message ?? error}`);
      }
    }
    if (failures.length) throw new Error(failures.join('; '));
  }
}
