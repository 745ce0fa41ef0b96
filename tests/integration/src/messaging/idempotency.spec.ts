import { INestApplication, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { defineEvent, defineRequest, DomainError, ErrorCode } from '@commontrace/contracts';
import { BusClient, BusController, OutboxRelay, UnitOfWork } from '@commontrace/messaging';
import { Database, runMigrations } from '@commontrace/persistence';
import { startApp } from '@commontrace/runtime';
import { validateEnv } from '@commontrace/util-config';
import { IdempotencyScope, RequestContext } from '@commontrace/util-observability';
import { createTestDatabase, TEST_NATS_URL, uniqueSuffix, waitFor } from '@commontrace/util-testing';
import { IsString } from 'class-validator';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

// Subjects unique to this run, so nothing else on the shared NATS server answers them.
const prefix = `ct.v1.test${uniqueSuffix()}`;

class WriteRequest {
  @IsString()
  text: string;
}
class Written {
  text: string;
}
interface WriteReply {
  event_id: string;
  text: string;
  written_at: string;
}

const Write = defineRequest<WriteRequest, WriteReply>(`${prefix}.write`, WriteRequest);
/** Reports the key its handler received, and the key a request made by that handler carried. */
const Relay = defineRequest<WriteRequest, { received: string | null; forwarded: string | null }>(`${prefix}.relay`, WriteRequest);
const Peek = defineRequest<WriteRequest, { received: string | null }>(`${prefix}.peek`, WriteRequest);
const WrittenEvent = defineEvent(`${prefix}.evt.written`, Written);

/** A held point in the handler: the test decides when the handler may go on. */
class Gate {
  reached = false;
  private open!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.open = resolve));
  release(): void {
    this.open();
  }
}
/** One-shot holds by text: inside the write's transaction, or after its commit and before the reply. */
const holds = { inTransaction: new Map<string, Gate>(), beforeReply: new Map<string, Gate>() };
function hold(where: keyof typeof holds, text: string): Gate {
  const gate = new Gate();
  holds[where].set(text, gate);
  return gate;
}
async function pass(where: keyof typeof holds, text: string): Promise<void> {
  const gate = holds[where].get(text);
  if (!gate) return;
  holds[where].delete(text);
  gate.reached = true;
  await gate.opened;
}

/** A write that opts in to idempotency, as a service's use case does. */
@BusController()
class WriteController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: BusClient,
  ) {}

  @MessagePattern(Relay.subject)
  async relay(@Payload() request: WriteRequest) {
    const peeked = await this.bus.request(Peek, request);
    return { received: RequestContext.idempotency()?.key ?? null, forwarded: peeked.received };
  }

  @MessagePattern(Peek.subject)
  peek() {
    return { received: RequestContext.idempotency()?.key ?? null };
  }

  @MessagePattern(Write.subject)
  async write(@Payload() request: WriteRequest): Promise<WriteReply> {
    const reply = await this.uow.run(
      async (tx) => {
        if (request.text.startsWith('refuse')) throw new DomainError(ErrorCode.Conflict, 'refused');
        const event_id = await tx.emit(WrittenEvent, { text: request.text });
        await pass('inTransaction', request.text);
        return { event_id, text: request.text, written_at: new Date().toISOString() };
      },
      { idempotent: true },
    );
    await pass('beforeReply', request.text);
    return reply;
  }
}

@Module({ controllers: [WriteController] })
class WriteModule {}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** The same expectations over both transports; PGlite runs one transaction at a time, so a concurrent retry waits instead of a 409. */
function idempotencyContract(
  name: string,
  concurrentTransactions: boolean,
  start: () => Promise<{ app: INestApplication; cleanup(): Promise<void> }>,
) {
  describe(`idempotent writes over ${name}`, () => {
    let app: INestApplication;
    let cleanup: () => Promise<void>;
    let bus: BusClient;
    let db: DataSource;
    const account = randomUUID();

    /** Sends a write as the gateway does for an HTTP request with an Idempotency-Key. */
    const send = async (text: string, key: string, options: { account?: string; body?: string; timeoutMs?: number } = {}) => {
      const scope: IdempotencyScope = { account: options.account ?? account, key, requestHash: hashOf(options.body ?? text) };
      const outcome = await RequestContext.run({ requestId: randomUUID(), outgoingIdempotency: scope }, () =>
        bus.request(Write, { text }, { timeoutMs: options.timeoutMs ?? 5000 }).then(
          (reply) => ({ reply, error: undefined }),
          (error: DomainError) => ({ reply: undefined, error }),
        ),
      );
      return { ...outcome, replayed: scope.replayed === true };
    };
    const writes = async (text: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->'data'->>'text' = $1`, [text]))[0].n;
    const storedKey = async (key: string, forAccount = account) =>
      db.query(`SELECT request_hash, response FROM idempotency_keys WHERE account_id = $1 AND key = $2`, [forAccount, key]);

    beforeAll(async () => {
      ({ app, cleanup } = await start());
      bus = app.get(BusClient);
      db = app.get(DataSource);
    });
    afterAll(async () => {
      await app?.close();
      await cleanup?.();
    });

    it('answers a retry after a timeout with the committed answer, marked replayed, and writes once', async () => {
      const held = hold('beforeReply', 'timed-out');
      const first = await send('timed-out', 'k-timeout', { timeoutMs: 300 });
      expect(first.error?.code).toBe(ErrorCode.UpstreamTimeout);
      // The first attempt committed; its reply is still held back.
      await waitFor(() => held.reached, { what: 'the first attempt past its commit' });
      expect(await storedKey('k-timeout')).toHaveLength(1);

      const retry = await send('timed-out', 'k-timeout');
      const [stored] = await storedKey('k-timeout');
      expect(retry.reply).toEqual(stored.response);
      expect(retry.reply).toMatchObject({ text: 'timed-out', event_id: expect.any(String) });
      expect(retry.replayed).toBe(true);
      expect(await writes('timed-out')).toBe(1);
      held.release();
    });

    it('sends a first answer unwrapped and not marked replayed', async () => {
      const first = await send('plain', 'k-plain');
      expect(first.replayed).toBe(false);
      expect(Object.keys(first.reply ?? {}).sort()).toEqual(['event_id', 'text', 'written_at']);
      const again = await send('plain', 'k-plain');
      expect(again).toEqual({ reply: first.reply, error: undefined, replayed: true });
      expect(await writes('plain')).toBe(1);
    });

    if (concurrentTransactions) {
      it('answers a retry while the first transaction is open with request_in_progress, then with the committed answer', async () => {
        const held = hold('inTransaction', 'in-progress');
        const first = send('in-progress', 'k-progress', { timeoutMs: 30_000 });
        await waitFor(() => held.reached, { what: 'the first attempt inside its transaction' });
        const during = await send('in-progress', 'k-progress');
        expect(during.error?.code).toBe(ErrorCode.RequestInProgress);
        expect(during.error?.status).toBe(409);

        held.release();
        const committed = await first;
        const after = await send('in-progress', 'k-progress');
        expect(after.reply).toEqual(committed.reply);
        expect(after.replayed).toBe(true);
        expect(await writes('in-progress')).toBe(1);
      });
    } else {
      it('makes a retry wait for the open transaction (one connection), then answers it with the committed answer', async () => {
        const held = hold('inTransaction', 'serialized');
        const first = send('serialized', 'k-serialized', { timeoutMs: 30_000 });
        await waitFor(() => held.reached, { what: 'the first attempt inside its transaction' });
        const retry = send('serialized', 'k-serialized', { timeoutMs: 30_000 });
        held.release();
        const [a, b] = await Promise.all([first, retry]);
        expect(b.reply).toEqual(a.reply);
        expect(b.replayed).toBe(true);
        expect(await writes('serialized')).toBe(1);
      });
    }

    it('refuses the same key with another request, and writes nothing', async () => {
      await send('original', 'k-reused');
      const reused = await send('original-changed', 'k-reused', { body: 'original-changed' });
      expect(reused.error?.code).toBe(ErrorCode.IdempotencyKeyReused);
      expect(reused.error?.status).toBe(422);
      expect(await writes('original-changed')).toBe(0);
    });

    it('stores nothing for a refused first attempt, so the key can be used again', async () => {
      const refused = await send('refuse-me', 'k-refused');
      expect(refused.error?.code).toBe(ErrorCode.Conflict);
      expect(await storedKey('k-refused')).toEqual([]);
      const fixed = await send('fixed', 'k-refused');
      expect(fixed.reply).toMatchObject({ text: 'fixed' });
      expect(fixed.replayed).toBe(false);
      expect(await writes('fixed')).toBe(1);
    });

    it('keeps keys per account', async () => {
      const mine = await send('per-account', 'k-shared');
      const theirs = await send('per-account', 'k-shared', { account: randomUUID() });
      expect(theirs.replayed).toBe(false);
      expect(theirs.reply?.event_id).not.toBe(mine.reply?.event_id);
      expect(await writes('per-account')).toBe(2);
    });

    it('forgets keys after 24 hours: an expired key writes again, and the prune deletes old keys', async () => {
      await send('expired', 'k-expired');
      await db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE account_id = $1 AND key = $2`, [
        account,
        'k-expired',
      ]);
      const again = await send('expired', 'k-expired');
      expect(again.replayed).toBe(false);
      expect(await writes('expired')).toBe(2);

      await db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE account_id = $1 AND key = $2`, [
        account,
        'k-expired',
      ]);
      await app.get(OutboxRelay).prune();
      expect(await storedKey('k-expired')).toEqual([]);
      expect(await storedKey('k-plain')).toHaveLength(1);
    });

    it('gives the key to the handler that received it, never to the requests that handler makes', async () => {
      const scope: IdempotencyScope = { account, key: 'k-relay', requestHash: hashOf('relay') };
      const reply = await RequestContext.run({ requestId: randomUUID(), outgoingIdempotency: scope }, () => bus.request(Relay, { text: 'relay' }));
      expect(reply).toEqual({ received: 'k-relay', forwarded: null });
    });

    it('writes as usual without a key', async () => {
      const reply = await bus.request(Write, { text: 'no-key' });
      const again = await bus.request(Write, { text: 'no-key' });
      expect(again.event_id).not.toBe(reply.event_id);
      expect(await writes('no-key')).toBe(2);
    });
  });
}

const quiet = { LOG_LEVEL: 'fatal' };

idempotencyContract('NATS and PostgreSQL', true, async () => {
  const db = await createTestDatabase('idem');
  const migrator = await Database.open({ kind: 'postgres', url: db.url });
  await runMigrations(migrator.dataSource, { lock: true });
  await migrator.close();
  const env = validateEnv({ ...quiet, DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL });
  const app = await startApp({ service: 'idem-test', env, features: [WriteModule], handlesRequests: true, relay: false, port: 0 });
  return { app, cleanup: () => db.drop() };
});

idempotencyContract('the in-process transport and PGlite', false, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ct-idem-'));
  const env = validateEnv({ ...quiet, DATA_DIR: dir });
  const app = await startApp({
    service: 'idem-test',
    env,
    features: [WriteModule],
    handlesRequests: true,
    relay: false,
    migrateOnStart: true,
    port: 0,
  });
  return { app, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
