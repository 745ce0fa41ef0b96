import { INestApplication } from '@nestjs/common';
import { TraceCreated } from '@commontrace/contracts';
import { EventPublisher, UnitOfWork } from '@commontrace/messaging';
import { Database, runMigrations } from '@commontrace/persistence';
import { runCommand } from '@commontrace/runtime';
import { validateEnv } from '@commontrace/util-config';
import { createTestDatabase, resetJetStream, TEST_NATS_URL } from '@commontrace/util-testing';
import { connect, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';

/**
 * Adversarial timing: each publish to JetStream waits first, as under load, so the relay's pass
 * is still publishing when the command returns and the process starts closing its connections.
 */
function slowDownPublishing(app: INestApplication, delayMs: number): void {
  const publisher = app.get(EventPublisher);
  const publish = publisher.publish.bind(publisher);
  publisher.publish = async (...args: Parameters<typeof publish>) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return publish(...args);
  };
}

const writeEvents = (n: number) => async (app: INestApplication) => {
  slowDownPublishing(app, 250);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const data = { trace_id: randomUUID(), contributor_id: randomUUID(), content_hash: 'c'.repeat(64), version: 1 };
    ids.push(await app.get(UnitOfWork).run((tx) => tx.emit(TraceCreated.contract, data)));
  }
  return ids;
};

describe('a one-off command over NATS publishes every event it wrote before it exits', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let direct: Database;
  let nc: NatsConnection;
  let published = 0;

  beforeAll(async () => {
    await resetJetStream(TEST_NATS_URL);
    db = await createTestDatabase('command');
    direct = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
    await runMigrations(direct.dataSource, { lock: false });
    nc = await connect({ servers: TEST_NATS_URL });
  });
  afterAll(async () => {
    await nc?.close();
    await direct?.close();
    await db?.drop();
  });

  it.each([1, 4])('with %i event(s) still being published when the command returns', async (n) => {
    const env = validateEnv({ LOG_LEVEL: 'fatal', DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL, OUTBOX_POLL_MS: '60000' });
    const ids = (await runCommand({ service: 'command-test', env, features: [], relay: true }, writeEvents(n))) as string[];

    const rows = await direct.dataSource.query(`SELECT id, sent_at, last_error FROM outbox WHERE id = ANY($1)`, [ids]);
    expect(rows.filter((r: { sent_at: Date | null }) => r.sent_at === null)).toEqual([]);
    expect(rows).toHaveLength(n);
    published += n;
    const jsm = await nc.jetstreamManager();
    expect((await jsm.streams.info('CT_EVENTS')).state.messages).toBe(published);
  });
});
