import { Logger } from '@nestjs/common';
import { DEAD_LETTER_SUBJECT_PREFIX, DomainError, ErrorCode, EventEnvelope } from '@commontrace/contracts';
import { counter } from '@commontrace/util-observability';
import { AckPolicy, Consumer, ConsumerMessages, DeliverPolicy, headers as natsHeaders, JsMsg, NatsConnection, nanos } from 'nats';
import { EventHandler } from '../events/event-handlers';
import { EVENTS_STREAM } from '../messaging.options';

export const MAX_DELIVERIES = 8;
/** How long JetStream waits for an ack before it redelivers; a handler at work extends it (see `handle`). */
export const ACK_WAIT_MS = 60_000;
/** How long one pull waits for a message before asking again. */
const PULL_EXPIRES_MS = 5_000;

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

export interface JetStreamConsumerOptions {
  /** The consumers' ack wait (tests shorten it); handlers signal progress at a third of it. */
  ackWaitMs?: number;
}

/**
 * One durable pull consumer per `@OnEvent` handler. A message is acked only after the handler
 * returned (its transaction committed); a failure is redelivered with back-off, and after
 * MAX_DELIVERIES (or at once for a payload that can never be valid) it goes to the dead-letter
 * subject with the reason.
 *
 * Nothing is redelivered while it is still being handled: each consumer pulls one message at a
 * time (none waits in a client buffer while its ack wait runs out), and a handler at work tells
 * the server so (`working()`, which restarts the ack wait) every third of the ack wait. The
 * deliveries are counted here, not by the server (`max_deliver` is unlimited), so that a message
 * whose dead-letter publish failed is left for redelivery instead of being dropped.
 */
export class JetStreamConsumers {
  private readonly logger = new Logger('JetStream');
  private readonly pulls = new Set<ConsumerMessages>();
  private readonly loops: Promise<void>[] = [];
  private readonly ackWaitMs: number;
  private stopped = false;

  constructor(
    private readonly nc: NatsConnection,
    options: JetStreamConsumerOptions = {},
  ) {
    this.ackWaitMs = options.ackWaitMs ?? ACK_WAIT_MS;
  }

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
        max_deliver: -1,
        ack_wait: nanos(this.ackWaitMs),
      };
      try {
        await jsm.consumers.info(EVENTS_STREAM, durable);
        await jsm.consumers.update(EVENTS_STREAM, durable, config);
      } catch (error) {
        if (!/consumer not found/i.test((error as Error).message)) throw error;
        await jsm.consumers.add(EVENTS_STREAM, config);
      }
      const consumer = await js.consumers.get(EVENTS_STREAM, durable);
      this.loops.push(this.loop(handler, consumer));
      this.logger.log(`durable consumer ${durable} on ${handler.subject}`);
    }
  }

  /** Stops pulling and waits for the messages being handled. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const pull of this.pulls) pull.stop();
    await Promise.allSettled(this.loops);
    this.loops.length = 0;
  }

  /** Pulls one message, handles it, and only then pulls the next. */
  private async loop(handler: EventHandler, consumer: Consumer): Promise<void> {
    while (!this.stopped) {
      try {
        const pull = await consumer.fetch({ max_messages: 1, expires: PULL_EXPIRES_MS });
        this.pulls.add(pull);
        if (this.stopped) pull.stop();
        try {
          for await (const message of pull) await this.handle(handler, message);
        } finally {
          this.pulls.delete(pull);
        }
      } catch (error) {
        if (this.stopped) break;
        this.logger.warn(`${handler.consumer}: pull failed, trying again: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async handle(handler: EventHandler, message: JsMsg): Promise<void> {
    const heartbeat = setInterval(() => message.working(), Math.max(100, Math.floor(this.ackWaitMs / 3)));
    try {
      await this.settle(handler, message);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async settle(handler: EventHandler, message: JsMsg): Promise<void> {
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
        if (await this.deadLetter(handler, message, reason)) {
          message.term();
          outcomes.inc({ consumer: handler.consumer, outcome: 'dead_letter' });
          this.logger.error(`${handler.consumer} gave up on ${envelope?.id ?? 'a message'} after ${attempt} attempt(s): ${reason}`);
        } else {
          // Not in the dead-letter stream: keep it here, and try again after the back-off.
          message.nak(redeliveryDelayMs(attempt));
          outcomes.inc({ consumer: handler.consumer, outcome: 'dead_letter_failed' });
        }
      } else {
        message.nak(redeliveryDelayMs(attempt));
        outcomes.inc({ consumer: handler.consumer, outcome: 'retry' });
        this.logger.warn(`${handler.consumer} failed on ${envelope?.id ?? 'a message'} (attempt ${attempt}): ${reason}`);
      }
    }
  }

  /** Publishes the message to its dead-letter subject; false when that failed. */
  private async deadLetter(handler: EventHandler, message: JsMsg, reason: string): Promise<boolean> {
    const h = natsHeaders();
    h.set('ct-dead-letter-reason', reason.slice(0, 1000));
    h.set('ct-original-subject', message.subject);
    h.set('ct-consumer', handler.consumer);
    try {
      await this.nc.jetstream().publish(`${DEAD_LETTER_SUBJECT_PREFIX}.${durableName(handler.consumer)}`, message.data, { headers: h });
      return true;
    } catch (error) {
      this.logger.error(`dead-letter publish for ${handler.consumer} failed, the message stays for redelivery: ${(error as Error).message}`);
      return false;
    }
  }
}
