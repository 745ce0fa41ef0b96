import { DomainError, ErrorCode, EventEnvelope } from '@commontrace/contracts';
import { DEAD_LETTER_STREAM, EVENTS_STREAM, EventHandler, JetStreamConsumers, durableName } from '@commontrace/messaging';
import { resetJetStream, TEST_NATS_URL, uniqueSuffix, waitFor } from '@commontrace/util-testing';
import { connect, JetStreamManager, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An event handler as the messaging module builds them, recording every delivery. */
function recordingHandler(subject: string, work: (attempt: number) => Promise<void>) {
  const deliveries: { id: string; attempt: number }[] = [];
  const handler: EventHandler = {
    consumer: `test.${subject.split('.').pop()}`,
    subject,
    invoke: async (envelope: EventEnvelope, _headers, attempt) => {
      deliveries.push({ id: envelope.id, attempt });
      await work(attempt);
    },
  };
  return { handler, deliveries };
}

describe('JetStream durable consumers against a real NATS server', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let consumers: JetStreamConsumers | undefined;

  const publish = (subject: string) =>
    nc.jetstream().publish(subject, Buffer.from(JSON.stringify({ id: randomUUID(), subject, occurred_at: new Date().toISOString(), data: {} })));

  beforeAll(async () => {
    await resetJetStream(TEST_NATS_URL);
    nc = await connect({ servers: TEST_NATS_URL });
    jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: EVENTS_STREAM, subjects: ['ct.v1.evt.>'] });
  });
  afterEach(async () => {
    await consumers?.stop();
    consumers = undefined;
  });
  afterAll(async () => {
    await nc?.close();
    await resetJetStream(TEST_NATS_URL);
  });

  it('does not redeliver messages while a slow handler is still at work', async () => {
    // Each message takes 2.5 ack waits to handle; two of them are published at once.
    const subject = `ct.v1.evt.test.slow${uniqueSuffix()}`;
    const { handler, deliveries } = recordingHandler(subject, () => sleep(2500));
    consumers = new JetStreamConsumers(nc, { ackWaitMs: 1000 });
    await consumers.start([handler]);
    await publish(subject);
    await publish(subject);

    const durable = durableName(handler.consumer);
    await waitFor(async () => {
      const info = await jsm.consumers.info(EVENTS_STREAM, durable);
      return info.num_pending === 0 && info.num_ack_pending === 0 && deliveries.length >= 2;
    }, { timeoutMs: 30_000, what: 'both messages acked' });
    const info = await jsm.consumers.info(EVENTS_STREAM, durable);
    expect(info.num_redelivered).toBe(0);
    expect(deliveries.map((d) => d.attempt)).toEqual([1, 1]);
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(2);
  });

  it('leaves a message for redelivery when its dead-letter publish fails, and dead-letters it once it can', async () => {
    // A payload that can never be valid goes to the dead-letter stream at once; there is none yet.
    await jsm.streams.delete(DEAD_LETTER_STREAM).catch(() => false);
    const subject = `ct.v1.evt.test.hopeless${uniqueSuffix()}`;
    const { handler, deliveries } = recordingHandler(subject, async () => {
      throw new DomainError(ErrorCode.ValidationFailed, 'Invalid event');
    });
    consumers = new JetStreamConsumers(nc, { ackWaitMs: 5000 });
    await consumers.start([handler]);
    await publish(subject);

    await waitFor(() => deliveries.length >= 2, { timeoutMs: 20_000, what: 'a redelivery after the failed dead-letter publish' });
    await jsm.streams.add({ name: DEAD_LETTER_STREAM, subjects: ['ct.v1.dlq.>'] });
    const dead = await waitFor(
      () => jsm.streams.getMessage(DEAD_LETTER_STREAM, { last_by_subj: `ct.v1.dlq.${durableName(handler.consumer)}` }).catch(() => undefined),
      { timeoutMs: 20_000, what: 'the dead letter' },
    );
    expect(dead.header.get('ct-dead-letter-reason')).toBe('Invalid event');
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(1);
    // Once dead-lettered, the message is done with.
    await waitFor(async () => (await jsm.consumers.info(EVENTS_STREAM, durableName(handler.consumer))).num_ack_pending === 0, {
      what: 'the message terminated',
    });
  });
});
