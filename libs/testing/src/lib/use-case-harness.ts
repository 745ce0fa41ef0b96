import { Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { EmbeddingEmbedTexts, EventEnvelope, ReplyOf, RequestContract, RequestOf } from '@commontrace/contracts';
import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { InProcessServer, MessagingModule, OutboxRelay } from '@commontrace/messaging';
import { lexicalPostings } from '@commontrace/domain-search';
import { Database, PersistenceModule, runMigrations, writeLexicalIndex } from '@commontrace/persistence';
import { AppEnv, ConfigModule, validateEnv } from '@commontrace/util-config';
import { createTestDatabase } from '@commontrace/util-testing';
import { DataSource } from 'typeorm';

/** A neighbouring service's answer to one subject: a function of the request, or a fixed reply. */
export type FakeReply<C extends RequestContract<object, unknown>> = ReplyOf<C> | ((request: RequestOf<C>) => ReplyOf<C> | Promise<ReplyOf<C>>);

export interface UseCaseHarnessOptions {
  /** The service module under test (IngestModule, EmbeddingModule, …). */
  module: Type;
  /** Settings over the test defaults (quiet logs, the offline embedder). */
  env?: Record<string, string>;
  /**
   * Run the relay and the module's event consumers (`@OnEvent`) in process, as the all-in-one
   * does. Off by default: events stay in the outbox, where `events()` reads them.
   */
  consumers?: boolean;
}

/**
 * One service module against a fresh, migrated PostgreSQL database and the in-process bus:
 * the middle test tier, where a use case runs on the real database and only the other
 * services it asks over the bus are faked.
 */
export class UseCaseHarness {
  private constructor(
    readonly moduleRef: TestingModule,
    private readonly server: InProcessServer,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async start(options: UseCaseHarnessOptions): Promise<UseCaseHarness> {
    const db = await createTestDatabase('uc');
    try {
      const migrator = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
      await runMigrations(migrator.dataSource, { lock: false });
      await migrator.close();
      const env: AppEnv = validateEnv({ LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '100', ...options.env, DATABASE_URL: db.url });
      const consumers = options.consumers ?? false;
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConfigModule.forRoot(env),
          PersistenceModule.forRoot({ kind: 'postgres', url: db.url, poolSize: 4 }),
          MessagingModule.forRoot({
            service: 'use-case-test',
            requestTimeoutMs: env.BUS_TIMEOUT_MS,
            relay: consumers,
            outboxPollMs: env.OUTBOX_POLL_MS,
            consumers,
          }),
          options.module,
        ],
      }).compile();
      moduleRef.useLogger(false);
      await moduleRef.init();
      return new UseCaseHarness(moduleRef, moduleRef.get(InProcessServer), db.drop);
    } catch (error) {
      await db.drop();
      throw error;
    }
  }

  get<T>(token: Type<T>): T {
    return this.moduleRef.get(token);
  }

  get dataSource(): DataSource {
    return this.moduleRef.get(DataSource);
  }

  /** Answers a neighbour's subject (the reputation service's, say) for the rest of the suite. */
  fake<C extends RequestContract<object, unknown>>(contract: C, reply: FakeReply<C>): void {
    const handler = async (request: RequestOf<C>) =>
      typeof reply === 'function' ? (reply as (r: RequestOf<C>) => unknown)(request) : reply;
    this.server.addHandler(contract.subject, handler);
  }

  /** An account row, as the gateway creates one at registration (traces and votes need an owner). */
  async account(name = 'agent'): Promise<string> {
    const [row] = await this.query<{ id: string }>(`INSERT INTO accounts (name) VALUES ($1) RETURNING id`, [name]);
    return row.id;
  }

  /** The embedding service as its default offline provider answers (feature hashing, no model). */
  fakeOfflineEmbeddings(): void {
    this.fake(EmbeddingEmbedTexts.contract, ({ texts }) => ({
      model: HASHING_MODEL_ID,
      dimensions: HASHING_DIMENSIONS,
      vectors: texts.map((t) => hashingEmbed(t)),
    }));
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  /**
   * Indexes for lexical search every trace that has no lexical postings yet, as ingest does when
   * it stores one: for specs that store traces straight into the database.
   */
  async indexLexically(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const traces: { id: string; title: string; tags: string[]; context_text: string; solution_text: string }[] = await m.query(
        `SELECT t.id, t.title, t.tags, t.context_text, t.solution_text FROM traces t
          WHERE NOT EXISTS (SELECT 1 FROM lexical_documents d WHERE d.trace_id = t.id) ORDER BY t.id`,
      );
      await writeLexicalIndex(m, traces.map((t) => ({ trace_id: t.id, ...lexicalPostings(t) })));
    });
  }

  /** The events the use cases wrote to the outbox, oldest first (optionally of one subject). */
  async events<T = unknown>(subject?: string): Promise<EventEnvelope<T>[]> {
    const rows: { payload: EventEnvelope<T> }[] = await this.query(
      `SELECT payload FROM outbox ${subject ? 'WHERE subject = $1' : ''} ORDER BY created_at, id`,
      subject ? [subject] : [],
    );
    return rows.map((r) => r.payload);
  }

  /** Publishes what is in the outbox now (with `consumers: true`). */
  async drainOutbox(): Promise<void> {
    await this.moduleRef.get(OutboxRelay).drain();
  }

  async close(): Promise<void> {
    try {
      await this.moduleRef.close();
    } finally {
      await this.dropDatabase();
    }
  }
}
