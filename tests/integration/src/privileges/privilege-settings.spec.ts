import { INestApplication } from '@nestjs/common';
import { IngestLinkTraces } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { Database, runMigrations } from '@commontrace/persistence';
import { startApp } from '@commontrace/runtime';
import { IngestModule } from '@commontrace/service-ingest';
import { ReputationModule } from '@commontrace/service-reputation';
import { validateEnv } from '@commontrace/util-config';
import { createTestDatabase } from '@commontrace/util-testing';
import { DataSource } from 'typeorm';

/**
 * The privilege thresholds are the reputation service's settings (PRIVILEGE_<NAME>_POINTS):
 * changing one changes what ingest allows, with no setting or constant of ingest's own. Ingest
 * and reputation run in one process on the in-process bus, so ingest asks the real reputation
 * service.
 */
describe.each<{ setting: Record<string, string>; allowed: boolean }>([
  { setting: {}, allowed: false },
  { setting: { PRIVILEGE_LINK_POINTS: '5' }, allowed: true },
  { setting: { PRIVILEGE_LINK_POINTS: '6' }, allowed: false },
])('linking with the settings $setting', ({ setting, allowed }) => {
  let app: INestApplication;
  let drop: () => Promise<void>;
  let ds: DataSource;

  beforeAll(async () => {
    const db = await createTestDatabase('privileges');
    drop = db.drop;
    const migrator = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
    await runMigrations(migrator.dataSource, { lock: false });
    await migrator.close();
    const env = validateEnv({ LOG_LEVEL: 'warn', DATABASE_URL: db.url, ...setting });
    app = await startApp({ service: 'privileges-test', env, features: [IngestModule, ReputationModule], handlesRequests: true, relay: false, port: 0 });
    ds = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const account = async (name: string) => (await ds.query(`INSERT INTO accounts (name) VALUES ($1) RETURNING id`, [name]))[0].id as string;
  const trace = async (owner: string, n: number) =>
    (
      await ds.query(
        `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash) VALUES ($1, 'c', 's', $2, $3) RETURNING id`,
        [`trace ${n}`, owner, String(n).padStart(64, '0')],
      )
    )[0].id as string;

  it(`${allowed ? 'lets' : 'does not let'} an agent with 5 points link traces of others`, async () => {
    const owner = await account('owner');
    const agent = await account('agent');
    await ds.query(`INSERT INTO reputation (account_id, points) VALUES ($1, 5)`, [agent]);
    const [source, target] = [await trace(owner, 1), await trace(owner, 2)];
    const required = Number(setting['PRIVILEGE_LINK_POINTS'] ?? 100);
    const outcome = await app
      .get(BusClient)
      .request(IngestLinkTraces.contract, { source_id: source, target_id: target, kind: 'related', created_by: agent })
      .then(
        () => ({ code: 'linked' as string, details: undefined as unknown }),
        (e: { code: string; extra?: { details?: unknown } }) => ({ code: e.code, details: e.extra?.details }),
      );
    expect(outcome).toEqual(
      allowed ? { code: 'linked', details: undefined } : { code: 'insufficient_reputation', details: { privilege: 'link', required_points: required, points: 5 } },
    );
    expect(await ds.query(`SELECT 1 FROM trace_links WHERE source_id = $1`, [source])).toHaveLength(allowed ? 1 : 0);
  });
});
