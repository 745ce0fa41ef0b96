import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Database, DatabaseTarget } from './database';

/** Opens the database once per process and makes the TypeORM DataSource injectable. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: Database, useFactory: () => Database.open(target) },
        { provide: DataSource, useFactory: (db: Database) => db.dataSource, inject: [Database] },
      ],
      exports: [Database, DataSource],
    };
  }
}
