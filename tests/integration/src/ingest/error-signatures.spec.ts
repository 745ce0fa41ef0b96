import { INestApplication } from '@nestjs/common';
import { IngestAmendTrace, IngestSubmitTrace } from '@commontrace/contracts';
import { errorSignatures, traceSignatureText } from '@commontrace/domain-search';
import { BusClient } from '@commontrace/messaging';
import { Database, runMigrations } from '@commontrace/persistence';
import { startApp } from '@commontrace/runtime';
import { IngestModule } from '@commontrace/service-ingest';
import { ReputationModule } from '@commontrace/service-reputation';
import { validateEnv } from '@commontrace/util-config';
import { createTestDatabase, TEST_NATS_URL } from '@commontrace/util-testing';
import { DataSource } from 'typeorm';

/**
 * A trace's rows in error_signatures follow its text through the ingest path over NATS: a
 * submission writes the signatures of its title and context, an accepted amendment that
 * changes them rewrites them in the same transaction, one that changes only the solution keeps them.
 */
describe('error signatures through the ingest path (NATS, PostgreSQL)', () => {
  let app: INestApplication;
  let drop: () => Promise<void>;
  let ds: DataSource;
  let bus: BusClient;

  beforeAll(async () => {
    const db = await createTestDatabase('signatures');
    drop = db.drop;
    const migrator = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
    await runMigrations(migrator.dataSource, { lock: false });
    await migrator.close();
    // No embedding service answers: ingest stores the traces without a duplicate check by vector.
    const env = validateEnv({ LOG_LEVEL: 'error', DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL });
    app = await startApp({ service: 'signatures-test', env, features: [IngestModule, ReputationModule], handlesRequests: true, relay: false, port: 0 });
    ds = app.get(DataSource);
    bus = app.get(BusClient);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const stored = async (id: string) =>
    (await ds.query(`SELECT kind, signature FROM error_signatures WHERE trace_id = $1 ORDER BY signature`, [id])) as { kind: string; signature: string }[];
  const current = async (id: string) => {
    const [row] = await ds.query(`SELECT title, context_text FROM traces WHERE id = $1`, [id]);
    return errorSignatures(traceSignatureText(row)).sort((a, b) => (a.signature < b.signature ? -1 : 1));
  };

  it('has exactly the signatures of its current text after submission and after each amendment', async () => {
    const [owner] = await ds.query(`INSERT INTO accounts (name) VALUES ('owner') RETURNING id`);
    const { id } = await bus.request(IngestSubmitTrace.contract, {
      contributor_id: owner.id,
      trace: {
        title: "TS2307: Cannot find module '@app/util' after adding a path alias",
        context_text: "tsc fails:\nsrc/main.ts(3,21): error TS2307: Cannot find module '@app/util' or its corresponding type declarations.",
        solution_text: 'Extend the base tsconfig and keep a single paths block, so the alias is declared once.',
        tags: ['typescript'],
      },
    });
    expect((await stored(id)).map((s) => s.signature)).toEqual([
      'TS2307',
      'ts2307: cannot find module <str> after adding a path alias',
      'ts2307: cannot find module <str> or its corresponding type declarations',
    ]);
    expect(await stored(id)).toEqual(await current(id));

    const amend = (change: Partial<IngestAmendTrace.AmendTraceRequest>) =>
      bus.request(IngestAmendTrace.contract, {
        trace_id: id,
        author_id: owner.id,
        improved_solution: 'Extend the base tsconfig; jest needs the alias in moduleNameMapper too.',
        explanation: 'The first report missed the jest half.',
        ...change,
      });

    const context = "jest fails:\nCannot find module '@app/util' from 'src/main.spec.ts'\nError: connect ECONNREFUSED 127.0.0.1:5432";
    expect((await amend({ context_text: context })).status).toBe('accepted');
    expect(await stored(id)).toEqual(await current(id));
    expect((await stored(id)).map((s) => s.signature)).toContain('ECONNREFUSED');
    expect((await stored(id)).map((s) => s.signature)).not.toContain('ts2307: cannot find module <str> or its corresponding type declarations');

    expect((await amend({ title: 'Path alias works in tsc but not in jest' })).status).toBe('accepted');
    expect(await stored(id)).toEqual(await current(id));
    expect((await stored(id)).map((s) => s.signature)).toEqual(['ECONNREFUSED', 'error: connect econnrefused <addr>']);

    const before = await stored(id);
    expect((await amend({ improved_solution: 'Map the alias in moduleNameMapper with pathsToModuleNameMapper.' })).status).toBe('accepted');
    expect(await stored(id)).toEqual(before);
  });
});
