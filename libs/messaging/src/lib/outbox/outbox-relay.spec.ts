import { Injectable, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { TraceCreated } from '@commontrace/contracts';
import { Database, PersistenceModule, runMigrations } from '@commontrace/persistence';
import { createTestDatabase } from '@commontrace/util-testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventMeta, OnEvent } from '../events/on-event.decorator';
import { MessagingModule } from '../messaging.module';
import { UnitOfWork } from './outbox';
import { OutboxRelay } from './outbox-relay';

/** An in-process consumer that is slow, and fails while told to. */
@Injectable()
class Recorder {
  readonly seen: EventMeta[] = [];
  failuresLeft = 0;
  delayMs = 0;
  private entered?: () => void;

  /** Resolves when the next delivery is inside the handler. */
  nextEntry(): Promise<void> {
    return new Promise((resolve) => (this.entered = resolve));
  }

  @OnEvent(TraceCreated.contract, { consumer: 'test.relay-recorder' })
  async handle(_data: TraceCreated.TraceCreatedEvent, meta: EventMeta): Promise<void> {
    this.entered?.();
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error(`refused attempt ${meta.attempt}`);
    }
    this.seen.push(meta);
  }
}

@Module({ providers: [Recorder] })
class RecorderModule {}

const event = () => ({ trace_id: randomUUID(), contributor_id: randomUUID(), content_hash: 'b'.repeat(64), version: 1 });

describe('OutboxRelay in process', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let moduleRef: TestingModule;
  let relay: OutboxRelay;
  let recorder: Recorder;
  let ds: DataSource;
  const emit = () => moduleRef.get(UnitOfWork).run((tx) => tx.emit(TraceCreated.contract, event()));

  beforeAll(async () => {
    db = await createTestDatabase('relay');
    const migrator = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
    await runMigrations(migrator.dataSource, { lock: false });
    await migrator.close();
    moduleRef = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRoot({ kind: 'postgres', url: db.url, poolSize: 2 }),
        MessagingModule.forRoot({ service: 'relay-test', requestTimeoutMs: 1000, relay: true, outboxPollMs: 60_000, consumers: true }),
        RecorderModule,
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    relay = moduleRef.get(OutboxRelay);
    recorder = moduleRef.get(Recorder);
    ds = moduleRef.get(DataSource);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });
  afterEach(() => {
    recorder.delayMs = 0;
    recorder.failuresLeft = 0;
  });

  it('drain() resolves only after the pass already under way has published what it claimed', async () => {
    recorder.delayMs = 300;
    // The commit nudges the relay: its pass claims the row and is inside the slow handler …
    const inside = recorder.nextEntry();
    const id = await emit();
    await inside;
    // … when someone (a one-off command before it exits) asks for everything to be published.
    const failed = await relay.drain();
    const [row] = await ds.query(`SELECT sent_at FROM outbox WHERE id = $1`, [id]);
    expect(row.sent_at).not.toBeNull();
    expect(recorder.seen.map((m) => m.eventId)).toContain(id);
    expect(failed).toBe(0);
  });

  it('hands handlers the real attempt number, and reports the rows it could not publish', async () => {
    recorder.failuresLeft = 2;
    const id = await emit();
    const failed = [await relay.drain()];
    for (const expected of [1, 2]) {
      const [row] = await ds.query(`SELECT attempts, last_error FROM outbox WHERE id = $1`, [id]);
      expect(row).toEqual({ attempts: expected, last_error: expect.stringContaining(`refused attempt ${expected}`) });
      await ds.query(`UPDATE outbox SET available_at = now() WHERE id = $1`, [id]);
      failed.push(await relay.drain());
    }
    expect(recorder.seen.find((m) => m.eventId === id)?.attempt).toBe(3);
    expect(failed).toEqual([1, 1, 0]);
  });
  it('marks every published row of a batch sent, and leaves the one it could not publish for its retry', async () => {
    recorder.failuresLeft = 1;
    // One commit, so one pass claims all three; the first it publishes is refused.
    const ids = await moduleRef.get(UnitOfWork).run(async (tx) => {
      const written: string[] = [];
      for (let i = 0; i < 3; i++) written.push(await tx.emit(TraceCreated.contract, event()));
      return written;
    });
    expect(await relay.drain()).toBe(1);
    const rows: { sent: boolean; attempts: number }[] = await ds.query(
      `SELECT sent_at IS NOT NULL AS sent, attempts FROM outbox WHERE id = ANY($1::uuid[]) ORDER BY sent_at NULLS FIRST`,
      [ids],
    );
    expect(rows).toEqual([
      { sent: false, attempts: 1 },
      { sent: true, attempts: 0 },
      { sent: true, attempts: 0 },
    ]);
    expect(recorder.seen.filter((m) => ids.includes(m.eventId))).toHaveLength(2);
  });
});
