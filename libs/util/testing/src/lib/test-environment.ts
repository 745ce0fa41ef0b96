import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The local services the integration and end-to-end tiers run against (tools/setup.sh prepares them). */
export const TEST_POSTGRES_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_NATS_URL = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** The same server URL with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL database for one suite; drop() removes it. */
export async function createTestDatabase(label = 'ct'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${label}_${randomBytes(5).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(TEST_POSTGRES_URL, name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A unique NATS-safe suffix so parallel suites never share consumers or subjects. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Deletes the event streams (and with them every durable consumer), so a suite starts from an
 * empty bus; the services recreate them on start. Suites that use NATS run one at a time.
 */
export async function resetJetStream(url = TEST_NATS_URL): Promise<void> {
  const { connect } = await import('nats');
  const nc = await connect({ servers: url });
  try {
    const jsm = await nc.jetstreamManager();
    for (const name of ['CT_EVENTS', 'CT_DLQ']) {
      await jsm.streams.delete(name).catch(() => false);
    }
  } finally {
    await nc.close();
  }
}
