import { Logger } from '@nestjs/common';
import { DEAD_LETTER_SUBJECT_PREFIX, DomainError, ErrorCode, EventEnvelope } from '@commontrace/contracts';
import { counter } from '@commontrace/util-observability';
import { AckPolicy, ConsumerMessages, DeliverPolicy, headers as natsHeaders, JsMsg, NatsConnection, nanos } from 'nats';
import { EventHandler } from '../events/event-handlers';
import { EVENTS_STREAM } from '../messaging.options';

export const MAX_DELIVERIES = 8;
const ACK_WAIT_MS = 60_000;

const outcomes = counter('commontrace_events_consumed_total', 'Events handled by durable consumers', [
  'consumer',
  'outcome',
]);

/** JetStream durable names may not contain dots. */
export function durableName(consumer: string): string {
  return consumer.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Back-off before redelivery: 1 s, 2 s, 4 s … capped at one minute. */
export function redeliveryDelayMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * One durable pull consumer per `@OnEvent` handler. A message is acked only after the handler
 * returned (its transaction committed); a failure is redelivered with back-off, and after
 * MAX_DELIVERIES (or at once for a payload that can never be valid) it goes to the dead-letter
 * subject with the reason.
 */
export class JetStreamConsumers {
  private readonly logger = new Logger('JetStream');
  private readonly running: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly nc: NatsConnection) {}

  async start(handlers: EventHandler[]): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    const js = this.nc.jetstream();
    for (const handler of handlers) {
      const durable = durableName(handler.consumer);
      const config = {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: handler.subject,
        max_deliver: MAX_DELIVERIES,
        ack_wait: nanos(ACK_WAIT_MS),
      };
      try {
        await jsm.consumers.info(EVENTS_STREAM, durable);
        await jsm.consumers.update(EVENTS_STREAM, durable, config);
      } catch (error) {
        if (!/consumer not found/i.test((error as Error).message)) throw error;
        await jsm.consumers.add(EVENTS_STREAM, config);
      }
      const consumer = await js.consumers.get(EVENTS_STREAM, durable);
      const messages = await consumer.consume({ max_messages: 16 });
      this.running.push(messages);
      this.loops.push(this.loop(handler, messages));
      this.logger.log(`durable consumer ${durable} on ${handler.subject}`);
    }
  }

  async stop(): Promise<void> {
    for (const messages of this.running) messages.stop();
    await Promise.allSettled(this.loops);
    this.running.length = 0;
    this.loops.length = 0;
  }

  private async loop(handler: EventHandler, messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      await this.handle(handler, message);
    }
  }

  private async handle(handler: EventHandler, message: JsMsg): Promise<void> {
    const attempt = message.info.redeliveryCount;
    let envelope: EventEnvelope | undefined;
    try {
      envelope = JSON.parse(Buffer.from(message.data).toString('utf8')) as EventEnvelope;
      const headers: Record<string, string> = {};
      for (const key of message.headers?.keys() ?? []) headers[key.toLowerCase()] = message.headers?.get(key) ?? '';
      await handler.invoke(envelope, headers, attempt);
      message.ack();
      outcomes.inc({ consumer: handler.consumer, outcome: 'ok' });
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      const hopeless = error instanceof SyntaxError || (error instanceof DomainError && error.code === ErrorCode.ValidationFailed);
      if (hopeless || attempt >= MAX_DELIVERIES) {
        await this.deadLetter(handler, message, reason);
        message.term();
        outcomes.inc({ consumer: handler.consumer, outcome: 'dead_letter' });
        this.logger.error(`${handler.consumer} gave up on ${envelope?.id ?? 'a message'} after ${attempt} attempt(s): ${reason}`);
      } else {
        message.nak(redeliveryDelayMs(attempt));
        outcomes.inc({ consumer: handler.consumer, outcome: 'retry' });
        this.logger.warn(`${handler.consumer} failed on ${envelope?.id ?? 'a message'} (attempt ${attempt}): ${reason}`);
      }
    }
  }

  private async deadLetter(handler: EventHandler, message: JsMsg, reason: string): Promise<void> {
    const h = natsHeaders();
    h.set('ct-dead-letter-reason', reason.slice(0, 1000));
    h.set('ct-original-subject', message.subject);
    h.set('ct-consumer', handler.consumer);
    await this.nc
      .jetstream()
      .publish(`${DEAD_LETTER_SUBJECT_PREFIX}.${durableName(handler.consumer)}`, message.data, { headers: h })
      .catch((e) => this.logger.error(`dead-letter publish failed: ${e.message}`));
  }
}
