import { EventEnvelope } from '@commontrace/contracts';

/** Where the outbox relay sends events: JetStream, or straight to the in-process handlers. */
export abstract class EventPublisher {
  /**
   * `attempt` is the relay's attempt at this outbox row (1 the first time). JetStream counts
   * deliveries itself and ignores it; the in-process publisher hands it to the handlers.
   */
  abstract publish(envelope: EventEnvelope, headers: Record<string, string>, attempt: number): Promise<void>;
}
