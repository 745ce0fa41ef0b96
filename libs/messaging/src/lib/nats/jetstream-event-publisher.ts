import { EventEnvelope } from '@commontrace/contracts';
import { headers as natsHeaders, JetStreamClient } from 'nats';
import { EventPublisher } from '../events/event-publisher';

/** Publishes to JetStream with the event id as Nats-Msg-Id, so a republished event is dropped by the server. */
export class JetStreamEventPublisher extends EventPublisher {
  constructor(private readonly js: JetStreamClient) {
    super();
  }

  async publish(envelope: EventEnvelope, headers: Record<string, string>): Promise<void> {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(headers)) h.set(k, v);
    await this.js.publish(envelope.subject, Buffer.from(JSON.stringify(envelope)), { msgID: envelope.id, headers: h });
  }
}
