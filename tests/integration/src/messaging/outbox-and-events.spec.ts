import { INestApplication, Injectable, Module } from '@nestjs/common';
import { TraceCreated } from '@commontrace/contracts';
import { EventMeta, OnEvent, OutboxRelay, UnitOfWork } from '@commontrace/messaging';
import { runMigrations, Database } from '@commontrace/persistence';
import { startApp } from '@commontrace/runtime';
import { validateEnv } from '@commontrace/util-config';
import { createTestDatabase, resetJetStream, TEST_NATS_URL, uniqueSuffix, waitFor } from '@commontrace/util-testing';
import { connect, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

const CONSUMER = `test.recorder-${uniqueSuffix()}`;

/** Records what it receives; fails on demand to exercise retries. */
@Injectable()
class Recorder {
  readonly seen: { data: TraceCreated.TraceCreatedEvent; meta: EventMeta }[] = [];
  failuresLeft = 0;

  @OnEvent(TraceCreated.contract, { consumer: CONSUMER })
  async handle(data: TraceCreated.TraceCreatedEvent, meta: EventMeta) {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('recorder is down');
    }
    this.seen.push({ data, meta });
  }
}

@Module({ providers: [Recorder] })
class RecorderModule {}

const event = (): TraceCreated.TraceCreatedEvent => ({
  trace_id: randomUUID(),
  contributor_id: randomUUID(),
  content_hash: 'f'.repeat(64),
  version: 1,
});

async function emit(app: INestApplication, data: TraceCreated.TraceCreatedEvent): Promise<string> {
  return app.get(UnitOfWork).run((tx) => tx.emit(TraceCreated.contract, data));
}

const quiet = { LOG_LEVEL: 'fatal', OUTBOX_POLL_MS: '60000' };

describe('outbox relay and durable consumers over NATS JetStream', () => {
  let app: INestApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let nc: NatsConnection;

  beforeAll(async () => {
    await resetJetStream(TEST_NATS_URL);
    db = await createTestDatabase('outbox');
    const migrator = await Database.open({ kind: 'postgres', url: db.url });
    await runMigrations(migrator.dataSource, { lock: true });
    await migrator.close();
    const env = validateEnv({ ...quiet, DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL });
    app = await startApp({ service: 'outbox-test', env, features: [RecorderModule], handlesRequests: false, relay: true, port: 0 });
    nc = await connect({ servers: TEST_NATS_URL });
  });
  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await db?.drop();
  });

  it('publishes with the event id as Nats-Msg-Id, marks the row sent, and the server drops a republish', async () => {
    const data = event();
    const id = await emit(app, data);
    await waitFor(() => app.get(Recorder).seen.find((s) => s.meta.eventId === id), { what: 'delivery' });
    const ds = app.get(DataSource);
    const [row] = await ds.query(`SELECT sent_at, attempts FROM outbox WHERE id = $1`, [id]);
    expect(row.sent_at).not.toBeNull();

    const jsm = await nc.jetstreamManager();
    const stored = await jsm.streams.getMessage('CT_EVENTS', { last_by_subj: TraceCreated.contract.subject });
    expect(stored.header.get('Nats-Msg-Id')).toBe(id);
    const before = (await jsm.streams.info('CT_EVENTS')).state.messages;

    // A relay that crashed after publishing but before marking the row publishes it again.
    await ds.query(`UPDATE outbox SET sent_at = NULL WHERE id = $1`, [id]);
    await app.get(OutboxRelay).drain();
    expect((await jsm.streams.info('CT_EVENTS')).state.messages).toBe(before);
    expect(app.get(Recorder).seen.filter((s) => s.meta.eventId === id)).toHaveLength(1);
  });

  it('redelivers after a handler failure and acks only after success', async () => {
    const recorder = app.get(Recorder);
    recorder.failuresLeft = 1;
    const id = await emit(app, event());
    const delivered = await waitFor(() => recorder.seen.find((s) => s.meta.eventId === id), { what: 'redelivery' });
    expect(delivered.meta.attempt).toBe(2);
  });

  it('dead-letters an event that can never be valid, with the reason', async () => {
    const js = nc.jetstream();
    const jsm = await nc.jetstreamManager();
    await js.publish(TraceCreated.contract.subject, Buffer.from(JSON.stringify({ id: randomUUID(), subject: TraceCreated.contract.subject, occurred_at: new Date().toISOString(), data: { trace_id: 'nope' } })));
    const dead = await waitFor(
      async () => jsm.streams.getMessage('CT_DLQ', { last_by_subj: `ct.v1.dlq.${CONSUMER.replace(/\./g, '_')}` }).catch(() => undefined),
      { what: 'the dead letter' },
    );
    expect(dead.header.get('ct-dead-letter-reason')).toContain('Invalid ct.v1.evt.trace.created event');
    expect(dead.header.get('ct-consumer')).toBe(CONSUMER);
  });
});

describe('outbox relay in process (all-in-one mode)', () => {
  let app: INestApplication;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ct-outbox-'));
    const env = validateEnv({ ...quiet, DATA_DIR: dir });
    app = await startApp({
      service: 'outbox-test',
      env,
      features: [RecorderModule],
      handlesRequests: false,
      relay: true,
      migrateOnStart: true,
      port: 0,
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a row whose handler failed, backs off, and delivers it on a later pass', async () => {
    const recorder = app.get(Recorder);
    const ds = app.get(DataSource);
    recorder.failuresLeft = 1;
    const id = await emit(app, event());
    await waitFor(async () => (await ds.query(`SELECT attempts FROM outbox WHERE id = $1`, [id]))[0].attempts === 1, {
      what: 'the failed attempt',
    });
    const [failed] = await ds.query(
      `SELECT sent_at, last_error, available_at > now() AS backing_off FROM outbox WHERE id = $1`,
      [id],
    );
    expect(failed).toMatchObject({ sent_at: null, backing_off: true });
    expect(failed.last_error).toContain('recorder is down');

    await ds.query(`UPDATE outbox SET available_at = now() WHERE id = $1`, [id]);
    await app.get(OutboxRelay).drain();
    expect(recorder.seen.map((s) => s.meta.eventId)).toContain(id);
    const [sent] = await ds.query(`SELECT sent_at FROM outbox WHERE id = $1`, [id]);
    expect(sent.sent_at).not.toBeNull();
  });

  it('prunes sent events and processed ids past their retention, and nothing else', async () => {
    const ds = app.get(DataSource);
    const old = randomUUID();
    const recent = randomUUID();
    const unsent = randomUUID();
    await ds.query(
      `INSERT INTO outbox (id, subject, payload, sent_at) VALUES
         ($1, 'x', '{}', now() - interval '8 days'), ($2, 'x', '{}', now() - interval '1 day'), ($3, 'x', '{}', NULL)`,
      [old, recent, unsent],
    );
    await ds.query(`UPDATE outbox SET available_at = now() + interval '1 hour' WHERE id = $1`, [unsent]);
    await ds.query(
      `INSERT INTO processed_events (consumer, event_id, processed_at) VALUES ('c', $1, now() - interval '31 days'), ('c', $2, now())`,
      [old, recent],
    );
    await app.get(OutboxRelay).prune();
    const left = (await ds.query(`SELECT id FROM outbox WHERE id = ANY($1)`, [[old, recent, unsent]])).map((r: { id: string }) => r.id);
    expect(left.sort()).toEqual([recent, unsent].sort());
    const processed = (await ds.query(`SELECT event_id FROM processed_events WHERE consumer = 'c'`)).map((r: { event_id: string }) => r.event_id);
    expect(processed).toEqual([recent]);
  });
});
