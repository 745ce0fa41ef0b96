import { Logger, OnApplicationShutdown } from '@nestjs/common';
// TypeORM loads the driver by name at run time; importing it here makes it a declared dependency of every app.
import 'pg';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Where the data lives: a PostgreSQL URL, or a directory for the embedded PGlite database. */
export type DatabaseTarget = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'embedded'; dataDir: string };

export function databaseTarget(env: { DATABASE_URL?: string; DATA_DIR: string }): DatabaseTarget {
  return env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'embedded', dataDir: env.DATA_DIR };
}

const common = {
  type: 'postgres' as const,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  synchronize: false,
  migrationsRun: false,
  logging: false,
};

interface PGliteHandle {
  close(): Promise<void>;
}

/** An open TypeORM DataSource over PostgreSQL or embedded PGlite, closed on shutdown. */
export class Database implements OnApplicationShutdown {
  private constructor(
    readonly target: DatabaseTarget,
    readonly dataSource: DataSource,
    private readonly embedded?: PGliteHandle,
  ) {}

  static async open(target: DatabaseTarget): Promise<Database> {
    if (target.kind === 'postgres') {
      const ds = new DataSource({ ...common, url: target.url, extra: { max: target.poolSize ?? 10 } } as DataSourceOptions);
      return new Database(target, await ds.initialize());
    }
    // PGlite is ESM-only: load it at run time so the CommonJS build keeps working.
    const { PGlite } = await import('@electric-sql/pglite');
    const { vector } = await import('@electric-sql/pglite-pgvector');
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
    const dir = target.dataDir.startsWith('memory://') ? target.dataDir : resolve(target.dataDir);
    if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
    const pglite = await PGlite.create(dir, { extensions: { vector } });
    const pg = createPgConfig(pglite);
    // One PGlite session: a pool of exactly one connection.
    const ds = new DataSource({
      ...common,
      host: pg.host,
      port: pg.port,
      username: pg.user,
      password: pg.password,
      database: pg.database,
      extra: { connection: pg.connection, max: 1 },
    } as DataSourceOptions);
    new Logger('Database').log(`embedded PostgreSQL (PGlite) at ${dir}`);
    return new Database(target, await ds.initialize(), pglite);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.close();
  }
}
