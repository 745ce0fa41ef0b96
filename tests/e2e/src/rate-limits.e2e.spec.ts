import { INestApplication } from '@nestjs/common';
import { NatsConnectionHolder } from '@commontrace/messaging';
import { Database, runMigrations } from '@commontrace/persistence';
import { startApp } from '@commontrace/runtime';
import { configureGatewayHttp, GatewayModule } from '@commontrace/service-gateway';
import { REGISTRATION_LIMITS_FOR_TOOLS, validateEnv } from '@commontrace/util-config';
import { createTestDatabase, TEST_NATS_URL } from '@commontrace/util-testing';
import { connect } from 'nats';
import { Api } from './support/api';
import { LOW_REGISTRATION_LIMITS, registrationLimitScenarios } from './support/registration-limit.scenarios';
import { removeDir, Stack, startAllInOne } from './support/stack';

const DAY_MS = 86_400_000;
// Limits low enough to reach: reads by the day (a minute boundary inside a test would reset a
// per-minute count), votes by the minute and the day. Every other limit stays high.
const LOW_LIMITS = JSON.stringify({ free: { read: { minute: 1000, day: 8 }, vote: { minute: 1, day: 1000 } } });

/** Runs the check again with a new account if it ran across a UTC midnight (the daily windows restart there). */
async function inOneDay(check: () => Promise<void>): Promise<void> {
  const day = Math.floor(Date.now() / DAY_MS);
  await check();
  if (Math.floor(Date.now() / DAY_MS) !== day) await check();
}

const usage = (api: Api) => api.call('GET', '/api/v1/usage');
const urlOf = (app: INestApplication) => `http://127.0.0.1:${app.getHttpServer().address().port}`;

/** A migrated PostgreSQL database of its own. */
async function migratedDatabase(name: string) {
  const db = await createTestDatabase(name);
  const migrator = await Database.open({ kind: 'postgres', url: db.url, poolSize: 2 });
  await runMigrations(migrator.dataSource, { lock: true });
  await migrator.close();
  return db;
}

/** A gateway replica on the test NATS server (its counters in JetStream) and the database at `databaseUrl`. */
function startGateway(databaseUrl: string, settings: Record<string, string>): Promise<INestApplication> {
  return startApp({
    service: 'gateway',
    env: validateEnv({ LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'error', DATABASE_URL: databaseUrl, NATS_URL: TEST_NATS_URL, ...settings }),
    features: [GatewayModule],
    handlesRequests: false,
    relay: false,
    configureHttp: configureGatewayHttp,
    port: 0,
  });
}
// Counted as a vote by the limiter, then refused by validation before it reaches the bus.
const invalidVote = (api: Api) => api.call('POST', '/api/v1/traces/00000000-0000-4000-8000-000000000000/votes', { vote_type: 'sideways' });

describe('tier limits across two gateway replicas (JetStream key-value counters)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let closedGateway: INestApplication;
  let openGateway: INestApplication;
  let a: Api;
  let b: Api;

  beforeAll(async () => {
    db = await migratedDatabase('ratelimit');
    const start = (failure: string) =>
      startGateway(db.url, { RATE_LIMITS: LOW_LIMITS, RATE_LIMIT_STORE_FAILURE: failure, REGISTRATION_LIMITS: REGISTRATION_LIMITS_FOR_TOOLS });
    closedGateway = await start('closed');
    openGateway = await start('open');
    a = new Api(urlOf(closedGateway));
    b = new Api(urlOf(openGateway));
  });
  afterAll(async () => {
    await closedGateway?.close();
    await openGateway?.close();
    await db?.drop();
  });

  /** One account, its key used on both replicas. */
  async function account(): Promise<void> {
    await a.register('replicated-agent');
    b.apiKey = a.apiKey;
  }

  it('answers 404 on the admin routes when no admin token is configured', async () => {
    const res = await a.call('GET', '/api/v1/admin/accounts/00000000-0000-4000-8000-000000000000', undefined, { authorization: 'Bearer ctadm_anything' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'not_found' });
  });

  it('counts one account on both replicas, with the RateLimit headers on every answer', async () => {
    await inOneDay(async () => {
      await account();
      for (let i = 1; i <= 4; i++) {
        const res = await usage(i % 2 ? a : b);
        expect(res.status).toBe(200);
        expect(res.headers.get('ratelimit-limit')).toBe('8');
        expect(res.headers.get('ratelimit-remaining')).toBe(String(8 - i));
        expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
        expect(Number(res.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(DAY_MS / 1000);
        expect(res.body.tier).toBe('free');
        expect(res.body.limits.read).toEqual([
          expect.objectContaining({ window: 'minute', limit: 1000, used: i }),
          expect.objectContaining({ window: 'day', limit: 8, used: i, remaining: 8 - i }),
        ]);
      }
    });
  });

  it('holds the limit when both replicas count at once (compare-and-set), then answers 429 with Retry-After and the limit', async () => {
    await inOneDay(async () => {
      await account();
      const answers = await Promise.all(Array.from({ length: 14 }, (_, i) => usage(i % 2 ? a : b)));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(8);
      expect(statuses.filter((s) => s === 429)).toHaveLength(6);
      for (const api of [a, b]) {
        const refused = await usage(api);
        expect(refused.status).toBe(429);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(refused.body).toMatchObject({
          code: 'rate_limited',
          limit: { tier: 'free', class: 'read', window: 'day', limit: 8 },
        });
        expect(refused.headers.get('retry-after')).toBe(String(refused.body.limit.reset_seconds));
        expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      }
    });
  });

  it('limits votes apart from reads, across replicas', async () => {
    await account();
    const first = await invalidVote(a);
    expect(first.status).toBe(400);
    const second = await invalidVote(b);
    if (second.status !== 429) {
      // Only when the two requests fell into two minutes: then the next one in this minute is refused.
      expect(second.status).toBe(400);
      expect((await invalidVote(a)).status).toBe(429);
    } else {
      expect(second.body.limit).toMatchObject({ class: 'vote', window: 'minute', limit: 1 });
    }
    expect((await usage(a)).status).toBe(200);
  });

  it('fails closed or open, as each replica is configured, when it cannot reach the counters', async () => {
    await account();
    await closedGateway.get(NatsConnectionHolder).connection.close();
    await openGateway.get(NatsConnectionHolder).connection.close();
    const closed = await invalidVote(a);
    expect(closed.status).toBe(503);
    expect(closed.body.code).toBe('service_unavailable');
    const open = await invalidVote(b);
    expect(open.status).toBe(400);
    expect(open.headers.get('ratelimit-limit')).toBeNull();
  });
});

describe('tier limits in the all-in-one (in-memory counters)', () => {
  let stack: Stack & { dataDir: string };
  let api: Api;

  beforeAll(async () => {
    stack = await startAllInOne(undefined, 0, { RATE_LIMITS: LOW_LIMITS, REGISTRATION_LIMITS: REGISTRATION_LIMITS_FOR_TOOLS });
    api = new Api(stack.baseUrl);
  });
  afterAll(async () => {
    await stack?.stop();
    if (stack?.dataDir) removeDir(stack.dataDir);
  });

  it('counts per account across its keys and refuses past the limit', async () => {
    await inOneDay(async () => {
      const agent = await api.register('memory-agent');
      const other = new Api(stack.baseUrl);
      await other.register('other-agent');
      for (let i = 1; i <= 8; i++) {
        const res = await usage(api);
        expect(res.status).toBe(200);
        expect(res.headers.get('ratelimit-remaining')).toBe(String(8 - i));
      }
      const refused = await usage(api);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'rate_limited', limit: { class: 'read', window: 'day', limit: 8 } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another account has its own counters.
      expect((await usage(other)).headers.get('ratelimit-remaining')).toBe('7');
      expect(agent.api_key).toBe(api.apiKey);
    });
  });

  it('leaves public routes uncounted', async () => {
    const res = await new Api(stack.baseUrl).call('GET', '/health/live');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBeNull();
  });
});

describe('registration limits across two gateway replicas (JetStream key-value counters)', () => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  const gateways: INestApplication[] = [];

  beforeAll(async () => {
    // The counters outlive a run in the test NATS server: this suite's networks start from zero.
    const nc = await connect({ servers: TEST_NATS_URL });
    const jsm = await nc.jetstreamManager();
    for (const bucket of ['KV_ct_rate_minute', 'KV_ct_rate_day']) await jsm.streams.delete(bucket).catch(() => false);
    await nc.close();
    db = await migratedDatabase('registration');
    for (const trust of ['', '', 'loopback']) {
      gateways.push(await startGateway(db.url, { REGISTRATION_LIMITS: LOW_REGISTRATION_LIMITS, TRUST_PROXY: trust }));
    }
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await db?.drop();
  });

  registrationLimitScenarios(() => ({ untrusted: gateways.slice(0, 2).map(urlOf), trusted: urlOf(gateways[2]) }));
});

describe('registration limits in the all-in-one (in-memory counters)', () => {
  const stacks: (Stack & { dataDir: string })[] = [];

  beforeAll(async () => {
    for (const trust of ['', 'loopback']) stacks.push(await startAllInOne(undefined, 0, { REGISTRATION_LIMITS: LOW_REGISTRATION_LIMITS, TRUST_PROXY: trust }));
  });
  afterAll(async () => {
    for (const stack of stacks) {
      await stack.stop();
      removeDir(stack.dataDir);
    }
  });

  registrationLimitScenarios(() => ({ untrusted: [stacks[0].baseUrl], trusted: stacks[1].baseUrl }));
});
