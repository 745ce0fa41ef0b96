import { DataSource } from 'typeorm';

/** Arbitrary but fixed: every CommonTrace migrator takes the same PostgreSQL advisory lock. */
export const MIGRATION_LOCK_KEY = 7_340_112_201;

/**
 * Applies pending migrations once, even when several migrators start together: each waits for
 * the advisory lock, and the later ones find nothing left to do. The embedded database has a
 * single session owned by one process, so it needs (and can hold) no lock.
 */
export async function runMigrations(dataSource: DataSource, options: { lock: boolean }): Promise<string[]> {
  if (!options.lock) {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
