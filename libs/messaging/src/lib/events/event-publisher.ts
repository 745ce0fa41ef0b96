import { EventEnvelope } from '@commontrace/contracts';

/** Where the outbox relay sends events: JetStream, or straight to the in-process handlers. */
export abstract class EventPublisher {
  abstract publish(envelope: EventEnvelope, headers: Record<string, string>): Promise<void>;
}
