import { Database, runMigrations } from '@commontrace/persistence';
import { runCommand } from '@commontrace/runtime';
import { BackfillEmbeddingsUseCase, EmbeddingModule } from '@commontrace/service-embedding';
import { validateEnv } from '@commontrace/util-config';
import { createTestDatabase, TEST_NATS_URL } from '@commontrace/util-testing';
import { INestApplication } from '@nestjs/common';

describe('the backfill command of the embedding service', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let direct: Database;

  beforeAll(async () => {
    db = await createTestDatabase('backfill');
    direct = await Database.open({ kind: 'postgres', url: db.url, poolSize: 2 });
    await runMigrations(direct.dataSource, { lock: true });
    const [account] = await direct.dataSource.query(`INSERT INTO accounts DEFAULT VALUES RETURNING id`);
    for (let i = 0; i < 7; i++) {
      await direct.dataSource.query(
        `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash)
         VALUES ($1, 'context', 'solution', $2, repeat($3, 64))`,
        [`Imported without vectors ${i}`, account.id, String(i)],
      );
    }
  });
  afterAll(async () => {
    await direct?.close();
    await db?.drop();
  });

  it('embeds every trace that lacks a vector, emits their events, and has nothing left on a second run', async () => {
    const env = validateEnv({ LOG_LEVEL: 'warn', DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL, EMBEDDING_BATCH_SIZE: '3' });
    const backfill = (app: INestApplication) => app.get(BackfillEmbeddingsUseCase).execute({ graceSeconds: 0 });
    const options = { service: 'embedding-backfill', env, features: [EmbeddingModule], relay: true };

    expect(await runCommand(options, backfill)).toEqual([{ model: 'offline-hash-v1', state: 'serving', embedded: 7, remaining: 0 }]);
    const [{ n }] = await direct.dataSource.query(`SELECT count(*)::int AS n FROM trace_embeddings`);
    expect(n).toBe(7);
    const events = await direct.dataSource.query(`SELECT sent_at FROM outbox WHERE subject = 'ct.v1.evt.trace.embedded'`);
    expect(events).toHaveLength(7);
    expect(events.every((e: { sent_at: Date | null }) => e.sent_at !== null)).toBe(true);

    expect(await runCommand(options, backfill)).toEqual([{ model: 'offline-hash-v1', state: 'serving', embedded: 0, remaining: 0 }]);
  });
});
