import { Injectable, INestApplication, Module } from '@nestjs/common';
import { TraceCreated } from '@commontrace/contracts';
import { EventMeta, OnEvent, UnitOfWork } from '@commontrace/messaging';
import { Database, runMigrations } from '@commontrace/persistence';
import { validateEnv } from '@commontrace/util-config';
import { createTestDatabase } from '@commontrace/util-testing';
import { randomUUID } from 'node:crypto';
import { runCommand } from './run-main';

/** A slow in-process consumer: each event takes a while, as a real handler under load does. */
@Injectable()
class SlowConsumer {
  static readonly seen: EventMeta[] = [];

  @OnEvent(TraceCreated.contract, { consumer: 'test.slow-consumer' })
  async handle(_data: TraceCreated.TraceCreatedEvent, meta: EventMeta): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    SlowConsumer.seen.push(meta);
  }
}

@Module({ providers: [SlowConsumer] })
class SlowConsumerModule {}

/** The command: writes `n` events, one transaction each, and returns at once. */
const writeEvents = (n: number) => async (app: INestApplication) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const data = { trace_id: randomUUID(), contributor_id: randomUUID(), content_hash: 'a'.repeat(64), version: 1 };
    ids.push(await app.get(UnitOfWork).run((tx) => tx.emit(TraceCreated.contract, data)));
  }
  return ids;
};

describe('runCommand', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let direct: Database;

  beforeAll(async () => {
    db = await createTestDatabase('command');
    direct = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
    await runMigrations(direct.dataSource, { lock: false });
  });
  afterAll(async () => {
    await direct?.close();
    await db?.drop();
  });

  it('returns only once every event the command wrote is published, even while the relay is mid-pass', async () => {
    // In process, publishing an event means running its handler. The first write nudges the
    // relay, whose pass claims that row and is still in the slow handler when the command returns.
    const env = validateEnv({ LOG_LEVEL: 'silent', DATABASE_URL: db.url, OUTBOX_POLL_MS: '60000' });
    const options = { service: 'command-test', env, features: [SlowConsumerModule], relay: true };
    for (const n of [1, 3]) {
      const ids = (await runCommand(options, writeEvents(n))) as string[];
      const rows = await direct.dataSource.query(`SELECT id, sent_at, attempts FROM outbox WHERE id = ANY($1)`, [ids]);
      expect(rows).toHaveLength(n);
      expect(rows.filter((r: { sent_at: Date | null }) => r.sent_at === null)).toEqual([]);
      expect(SlowConsumer.seen.map((m) => m.eventId)).toEqual(expect.arrayContaining(ids));
    }
  });
});
