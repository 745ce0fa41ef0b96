import { Database, runMigrations } from '@commontrace/persistence';
import { ConfigError, validateEnv } from '@commontrace/util-config';

/** Applies pending migrations once per deploy (a Kubernetes Job, a compose one-shot service). */
async function main(): Promise<void> {
  const env = validateEnv(process.env, { require: ['DATABASE_URL'] });
  const db = await Database.open({ kind: 'postgres', url: env.DATABASE_URL as string, poolSize: 2 });
  try {
    const applied = await runMigrations(db.dataSource, { lock: true });
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  process.stderr.write(`migrate: ${error instanceof ConfigError ? error.message : (error?.stack ?? error)}\n`);
  process.exit(1);
});
