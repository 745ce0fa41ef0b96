/**
 * Graceful shutdown of a real process (apps/<name>/src/main.ts as a child, a real SIGTERM), in both
 * modes, with a request in flight that the backing side answers only when the spec releases it:
 * readiness turns 503 `draining` first while liveness stays 200, the request in flight completes with
 * its 200, new connections are refused once the drain delay is over, and the process exits 0. Then
 * what the timeout and a second signal do, and the bus failure codes as a gateway process answers them.
 *
 * The microservices processes run against this spec's own nats-server, where the spec itself answers
 * the search service's subject in its queue group (on the shared server, a search service another
 * spec left subscribed could take the request instead); the search service's own drain is shown
 * with a request that waits on a table lock the spec holds; the NATS-down case runs one more
 * nats-server and kills it.
 */
import { SearchListTags } from '@commontrace/contracts';
import { Database, runMigrations } from '@commontrace/persistence';
import { accepts, createTestDatabase, FakeEmbeddingsServer, NatsServerProcess, waitFor } from '@commontrace/util-testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, ErrorCode as NatsErrorCode, Msg, NatsConnection, NatsError, StringCodec, Subscription } from 'nats';
import { Client } from 'pg';
import { Api, sampleTrace } from './support/api';
import { AppProcess, probe, startAppProcess } from './support/app-process';

const sc = StringCodec();

let nats: NatsServerProcess;
beforeAll(async () => {
  nats = await NatsServerProcess.start();
});
afterAll(async () => {
  await nats?.stop();
});
const TAGS: SearchListTags.ListTagsReply = { tags: ['drain'], counts: [{ tag: 'drain', count: 1 }], total: 1 };

/** Answers the search service's list-tags subject (as Nest's NATS server does), each reply held until released. */
class HeldTagsResponder {
  received = 0;
  private gate = Promise.resolve();
  private open = () => undefined as void;
  private sub?: Subscription;

  constructor(private readonly nc: NatsConnection) {}

  start(): this {
    this.sub = this.nc.subscribe(SearchListTags.contract.subject, { queue: 'search', callback: (_e, msg) => void this.answer(msg) });
    return this;
  }

  /** Holds every reply from now on until the returned function is called. */
  hold(): () => void {
    this.gate = new Promise<void>((resolve) => (this.open = resolve));
    return () => this.open();
  }

  stop(): void {
    this.open();
    this.sub?.unsubscribe();
  }

  private async answer(msg: Msg): Promise<void> {
    const packet = JSON.parse(sc.decode(msg.data)) as { id: string };
    this.received += 1;
    await this.gate;
    msg.respond(sc.encode(JSON.stringify({ id: packet.id, response: TAGS, isDisposed: true })));
  }
}

/** A slow request under way: sent, seen by the backing side, answered once released. */
interface SlowRequest {
  response: Promise<Awaited<ReturnType<Api['call']>>>;
  release: () => void;
}

async function sendSigterm(app: AppProcess): Promise<void> {
  app.child.kill('SIGTERM');
}

/** The drain as a load balancer and a client see it; the same in both modes. */
async function drainsAndExits(app: AppProcess, slow: SlowRequest, expectBody: (body: unknown) => void): Promise<void> {
  await sendSigterm(app);
  const draining = await waitFor(
    async () => {
      const ready = await probe(app.port, '/health/ready');
      return ready.status === 503 && ready;
    },
    { what: 'readiness to answer 503' },
  );
  expect(draining.body.error).toEqual({ shutdown: { status: 'down', message: 'draining' } });
  expect((await probe(app.port, '/health/live')).status).toBe(200);

  await waitFor(async () => !(await accepts(app.port)), { what: 'new connections to be refused', timeoutMs: 30_000 });
  // Still running: the request in flight holds it.
  expect(app.child.exitCode).toBeNull();

  slow.release();
  const answered = await slow.response;
  expect(answered.status).toBe(200);
  expectBody(answered.body);
  expect(await app.exited).toBe(0);
}

describe('graceful shutdown: microservices gateway', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let nc: NatsConnection;
  let responder: HeldTagsResponder;
  const running: AppProcess[] = [];

  const gatewayEnv = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: db.url,
    NATS_URL: nats.url,
    BUS_TIMEOUT_MS: '60000',
    SHUTDOWN_DRAIN_DELAY_MS: '4000',
    SHUTDOWN_TIMEOUT_MS: '30000',
    ...extra,
  });

  async function gateway(extra: Record<string, string> = {}) {
    const app = await startAppProcess('gateway', gatewayEnv(extra));
    running.push(app);
    const api = new Api(app.baseUrl);
    await api.register('drain-agent');
    return { app, api };
  }

  async function slowTags(api: Api): Promise<SlowRequest> {
    const release = responder.hold();
    const before = responder.received;
    const response = api.call('GET', '/api/v1/tags');
    response.catch(() => undefined); // handled where the test awaits it (some tests expect it to fail)
    await waitFor(() => responder.received > before, { what: 'the request to reach the search subject' });
    return { response, release };
  }

  beforeAll(async () => {
    db = await createTestDatabase('drain');
    const direct = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
    await runMigrations(direct.dataSource, { lock: false });
    await direct.close();
    nc = await connect({ servers: nats.url });
    responder = new HeldTagsResponder(nc).start();
  });

  afterAll(async () => {
    responder?.stop();
    for (const app of running) app.kill();
    await nc?.close();
    await db?.drop();
  });

  it('turns readiness to 503 first, finishes the request in flight with its 200, refuses new connections, and exits 0', async () => {
    const { app, api } = await gateway();
    const slow = await slowTags(api);
    await drainsAndExits(app, slow, (body) => expect(body).toEqual(TAGS));
  });

  it('cuts what is still under way after SHUTDOWN_TIMEOUT_MS, and still exits 0', async () => {
    const { app, api } = await gateway({ SHUTDOWN_DRAIN_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '500' });
    const slow = await slowTags(api);
    await sendSigterm(app);
    expect(await app.exited).toBe(0);
    await expect(slow.response).rejects.toThrow();
    expect(app.output()).toContain('cut 1 HTTP');
    slow.release();
  });

  it('exits at once on a second signal', async () => {
    const { app, api } = await gateway({ SHUTDOWN_DRAIN_DELAY_MS: '600000' });
    const slow = await slowTags(api);
    await sendSigterm(app);
    await waitFor(async () => (await probe(app.port, '/health/ready')).status === 503, { what: 'readiness to answer 503' });
    await sendSigterm(app);
    expect(await app.exited).toBe(143);
    await expect(slow.response).rejects.toThrow();
    slow.release();
  });

  it('answers 504 upstream_timeout when the service does not answer in time, 503 service_unavailable when none listens (problem+json)', async () => {
    const { app, api } = await gateway({ BUS_TIMEOUT_MS: '2000' });
    const release = responder.hold();
    const late = await api.call('GET', '/api/v1/tags');
    release();
    expect(late.status).toBe(504);
    expect(late.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(late.body).toMatchObject({ status: 504, code: 'upstream_timeout' });

    // Nothing subscribes to the search service's get-trace subject here: NATS says "no responders"
    // at once, and the gateway does not wait for its deadline.
    const nobody = await api.call('GET', `/api/v1/traces/${randomUUID()}`);
    expect(nobody.status).toBe(503);
    expect(nobody.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(nobody.body).toMatchObject({ status: 503, code: 'service_unavailable' });
    app.kill();
  });
});

describe('graceful shutdown: a microservices service (search)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let nc: NatsConnection;
  let app: AppProcess | undefined;
  let locker: Client | undefined;
  const subject = SearchListTags.contract.subject;
  const packet = (id: string) => sc.encode(JSON.stringify({ pattern: subject, data: {}, id }));

  /** Whether a new request on the subject still reaches a handler (NATS says "no responders" at once otherwise). */
  async function stillSubscribed(): Promise<boolean> {
    try {
      await nc.request(subject, packet(randomUUID()), { timeout: 300, noMux: true });
      return true;
    } catch (error) {
      return (error as NatsError).code !== NatsErrorCode.NoResponders;
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('drain_search');
    const direct = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
    await runMigrations(direct.dataSource, { lock: false });
    await direct.close();
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    app?.kill();
    await locker?.end();
    await nc?.close();
    await db?.drop();
  });

  it('turns readiness to 503 first, leaves its queue group, answers the request it has, and exits 0', async () => {
    const search = await startAppProcess('search', { DATABASE_URL: db.url, NATS_URL: nats.url, SHUTDOWN_DRAIN_DELAY_MS: '2000', SHUTDOWN_TIMEOUT_MS: '30000' });
    app = search;
    // The request under way waits on a lock this spec holds on the table it reads.
    const lock = new Client({ connectionString: db.url });
    locker = lock;
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE traces IN ACCESS EXCLUSIVE MODE');
    const inFlight = nc.request(subject, packet('under-way'), { timeout: 60_000, noMux: true });
    inFlight.catch(() => undefined);
    await waitFor(
      async () => (await lock.query(`SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'traces'::regclass`)).rowCount,
      { what: 'the request to wait on the lock' },
    );

    search.child.kill('SIGTERM');
    await waitFor(async () => (await probe(search.port, '/health/ready')).status === 503, { what: 'readiness to answer 503' });
    expect((await probe(search.port, '/health/live')).status).toBe(200);
    await waitFor(async () => !(await stillSubscribed()), { what: 'the subscription to end', timeoutMs: 30_000 });
    expect(search.child.exitCode).toBeNull();

    await lock.query('COMMIT');
    const reply = JSON.parse(sc.decode((await inFlight).data));
    expect(reply).toMatchObject({ id: 'under-way', response: { tags: [], total: 0 } });
    expect(await search.exited).toBe(0);
  });
});

describe('graceful shutdown: the bus down, as a gateway process answers it', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let outage: NatsServerProcess | undefined;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('drain_nats');
    const direct = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
    await runMigrations(direct.dataSource, { lock: false });
    await direct.close();
  });

  afterAll(async () => {
    app?.kill();
    await outage?.stop();
    await db?.drop();
  });

  it('answers 503 service_unavailable (problem+json) at once while NATS is down', async () => {
    outage = await NatsServerProcess.start();
    const gateway = await startAppProcess('gateway', { DATABASE_URL: db.url, NATS_URL: outage.url, BUS_TIMEOUT_MS: '60000' });
    app = gateway;
    const api = new Api(gateway.baseUrl);
    await api.register('outage-agent');

    await outage.kill();
    await waitFor(async () => (await probe(gateway.port, '/health/ready')).status === 503, { what: 'readiness to follow the outage' });
    // A generous BUS_TIMEOUT_MS: a 504 would mean the request waited instead of failing.
    const res = await api.call('GET', '/api/v1/tags');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, code: 'service_unavailable' });
  });
});

describe('graceful shutdown: all-in-one', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-drain-aio-'));
  const embeddings = new FakeEmbeddingsServer();
  let app: AppProcess | undefined;

  beforeAll(async () => {
    await embeddings.start();
  });

  afterAll(async () => {
    app?.kill();
    await embeddings.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('turns readiness to 503 first, finishes the search in flight with its 200, refuses new connections, and exits 0', async () => {
    app = await startAppProcess('all-in-one', {
      DATA_DIR: dataDir,
      EMBEDDING_PROVIDER: 'openai',
      OPENAI_BASE_URL: embeddings.url,
      EMBEDDING_MODEL: 'fake-embed',
      BUS_TIMEOUT_MS: '60000',
      EMBEDDING_TIMEOUT_MS: '60000',
      SHUTDOWN_DRAIN_DELAY_MS: '4000',
      SHUTDOWN_TIMEOUT_MS: '30000',
    });
    const api = new Api(app.baseUrl);
    await api.register('drain-agent');
    const q = `${sampleTrace().title} while draining`;
    const release = embeddings.hold();
    const response = api.call('POST', '/api/v1/traces/search', { q });
    // The search waits for the query's vector, which the embeddings server holds.
    await waitFor(() => embeddings.embeddedTexts().some((text) => text.includes('while draining')), { what: 'the query to reach the embeddings server' });
    await drainsAndExits(app, { response, release }, (body) => expect(body).toMatchObject({ results: expect.any(Array) }));
  });
});
