import { INestApplication, Type } from '@nestjs/common';
import { Database, runMigrations } from '@commontrace/persistence';
import { startApp } from '@commontrace/runtime';
import { EmbeddingModule } from '@commontrace/service-embedding';
import { configureGatewayHttp, GatewayModule, hashAdminToken } from '@commontrace/service-gateway';
import { IngestModule } from '@commontrace/service-ingest';
import { ReputationModule } from '@commontrace/service-reputation';
import { SearchModule } from '@commontrace/service-search';
import { createTestDatabase, resetJetStream, TEST_NATS_URL } from '@commontrace/util-testing';
import { RATE_LIMIT_TIERS, REGISTRATION_LIMITS_FOR_TOOLS, REQUEST_CLASSES, validateEnv } from '@commontrace/util-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/** A running CommonTrace: where its API is, its database, and how to stop or restart parts of it. */
export interface Stack {
  mode: 'microservices' | 'all-in-one';
  baseUrl: string;
  /** Base URL of each running process (health and metrics), by service name. */
  serviceUrls(): Record<string, string>;
  /** The Nest application that runs a service (the one process in the all-in-one), to inject delays. */
  app(service: string): INestApplication;
  /** Runs SQL against the stack's database (for assertions only). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stopService(name: string): Promise<void>;
  /** Starts a service again, optionally with other settings (a new embedding model, say). */
  startService(name: string, env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

const SERVICES: Record<string, Type> = {
  ingest: IngestModule,
  embedding: EmbeddingModule,
  search: SearchModule,
  reputation: ReputationModule,
};

function urlOf(app: INestApplication): string {
  const address = app.getHttpServer().address();
  return `http://127.0.0.1:${address.port}`;
}

/** The admin token of the test stacks (their ADMIN_TOKEN_SHA256 is its hash). */
export const E2E_ADMIN_TOKEN = 'ctadm_e2e-admin-token-for-the-test-stacks-only-0';
/** The API key pepper of the test stacks. */
export const E2E_API_KEY_PEPPER = 'e2e-pepper-for-the-test-stacks-only-0123456789';

/**
 * Limits no scenario reaches, different per tier so that a tier change shows in /usage and in
 * the RateLimit-Limit header: free 1e9 per window, pro 2e9, team 3e9.
 */
export const E2E_RATE_LIMITS = JSON.stringify(
  Object.fromEntries(
    RATE_LIMIT_TIERS.map((tier, i) => [tier, Object.fromEntries(REQUEST_CLASSES.map((cls) => [cls, { minute: (i + 1) * 1e9, day: (i + 1) * 1e9 }]))]),
  ),
);

const quiet = {
  LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
  OUTBOX_POLL_MS: '200',
  RATE_LIMITS: E2E_RATE_LIMITS,
  REGISTRATION_LIMITS: REGISTRATION_LIMITS_FOR_TOOLS,
  ADMIN_TOKEN_SHA256: hashAdminToken(E2E_ADMIN_TOKEN),
  API_KEY_PEPPER: E2E_API_KEY_PEPPER,
};

/** Gateway and four services as separate Nest apps over real NATS and a fresh PostgreSQL database. */
export async function startMicroservices(settings: Record<string, string> = {}): Promise<Stack> {
  await resetJetStream(TEST_NATS_URL);
  const db = await createTestDatabase('e2e');
  const base = { ...quiet, DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL };
  const env = validateEnv({ ...base, ...settings });
  const migrator = await Database.open({ kind: 'postgres', url: db.url, poolSize: 2 });
  await runMigrations(migrator.dataSource, { lock: true });
  await migrator.close();

  const apps = new Map<string, INestApplication>();
  const start = async (name: string, overrides?: Record<string, string>) => {
    const serviceEnv = overrides ? validateEnv({ ...base, ...settings, ...overrides }) : env;
    apps.set(
      name,
      await startApp({ service: name, env: serviceEnv, features: [SERVICES[name]], handlesRequests: true, relay: true, port: 0 }),
    );
  };
  for (const name of Object.keys(SERVICES)) await start(name);
  const startGateway = (port: number) =>
    startApp({ service: 'gateway', env, features: [GatewayModule], handlesRequests: false, relay: false, configureHttp: configureGatewayHttp, port });
  let gateway: INestApplication | undefined = await startGateway(0);
  const gatewayPort = gateway.getHttpServer().address().port as number;
  const running = () => {
    if (!gateway) throw new Error('the gateway is stopped');
    return gateway;
  };
  return {
    mode: 'microservices',
    baseUrl: urlOf(gateway),
    serviceUrls: () => Object.fromEntries([...apps].map(([name, app]) => [name, urlOf(app)])),
    app: (name) => {
      const app = name === 'gateway' ? running() : apps.get(name);
      if (!app) throw new Error(`no running ${name}`);
      return app;
    },
    // Any running process reaches the one database (the gateway may be stopped).
    query: (sql, params) => (gateway ?? [...apps.values()][0]).get(DataSource).query(sql, params),
    // The gateway stops and starts again on the same port (clients keep its URL).
    stopService: async (name) => {
      if (name === 'gateway') {
        await gateway?.close();
        gateway = undefined;
        return;
      }
      await apps.get(name)?.close();
      apps.delete(name);
    },
    startService: async (name, overrides) => {
      if (name === 'gateway') {
        gateway = gateway ?? (await startGateway(gatewayPort));
        return;
      }
      await start(name, overrides);
    },
    stop: async () => {
      await gateway?.close();
      for (const app of apps.values()) await app.close();
      await db.drop();
    },
  };
}

/** Every module in one process: in-process transport and the embedded PGlite database in a temp directory. */
export async function startAllInOne(
  dataDir = mkdtempSync(join(tmpdir(), 'ct-aio-')),
  port = 0,
  settings: Record<string, string> = {},
): Promise<Stack & { dataDir: string }> {
  const env = validateEnv({ ...quiet, ...settings, DATA_DIR: dataDir });
  const app = await startApp({
    service: 'all-in-one',
    env,
    features: [GatewayModule, ...Object.values(SERVICES)],
    handlesRequests: true,
    relay: true,
    migrateOnStart: true,
    configureHttp: configureGatewayHttp,
    port,
  });
  const ds = app.get(DataSource);
  return {
    mode: 'all-in-one',
    dataDir,
    baseUrl: urlOf(app),
    serviceUrls: () => ({ 'all-in-one': urlOf(app) }),
    app: () => app,
    query: (sql, params) => ds.query(sql, params),
    stopService: async () => {
      throw new Error('the all-in-one mode has no separate services');
    },
    startService: async () => undefined,
    stop: async () => {
      await app.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
