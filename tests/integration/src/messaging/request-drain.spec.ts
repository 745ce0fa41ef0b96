/**
 * The bus side of a graceful shutdown in microservices mode: a service's drain stops taking requests
 * (its subscription in the queue group ends, so NATS has no responder for the subject any more) and
 * answers the requests it already has before the app closes; after SHUTDOWN_TIMEOUT_MS it gives up
 * on the rest. Readiness answers 503 `draining` from the start of the drain.
 */
import { INestApplication, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { defineRequest } from '@commontrace/contracts';
import { BusClient, BusController, BusServer } from '@commontrace/messaging';
import { GracefulShutdown, startApp } from '@commontrace/runtime';
import { validateEnv } from '@commontrace/util-config';
import { createTestDatabase, TEST_NATS_URL, uniqueSuffix, waitFor } from '@commontrace/util-testing';
import { IsString } from 'class-validator';
import { connect, ErrorCode as NatsErrorCode, NatsConnection, NatsError } from 'nats';

const subject = `ct.v1.drain-test${uniqueSuffix()}.hold`;

class HoldRequest {
  @IsString()
  text: string;
}
const Hold = defineRequest<HoldRequest, { text: string }>(subject, HoldRequest);

/** Answers each request once the spec opens the gate. */
class Gate {
  static arrived = 0;
  private static open = () => undefined as void;
  private static opened = Promise.resolve();

  static close(): () => void {
    Gate.opened = new Promise<void>((resolve) => (Gate.open = resolve));
    return () => Gate.open();
  }

  static wait(): Promise<void> {
    Gate.arrived += 1;
    return Gate.opened;
  }
}

@BusController()
class HoldController {
  @MessagePattern(Hold.subject)
  async hold(@Payload() request: HoldRequest) {
    await Gate.wait();
    return { text: request.text };
  }
}

@Module({ controllers: [HoldController] })
class HoldModule {}

/** Whether NATS still has a responder for the subject (a plain request says "no responders" at once otherwise). */
async function hasResponder(nc: NatsConnection): Promise<boolean> {
  try {
    await nc.request(subject, JSON.stringify({ pattern: subject, data: { text: 'probe' }, id: 'probe' }), { timeout: 200 });
    return true;
  } catch (error) {
    return (error as NatsError).code !== NatsErrorCode.NoResponders;
  }
}

async function readiness(app: INestApplication): Promise<{ status: number; body: any }> {
  const res = await fetch(`${await app.getUrl()}/health/ready`.replace('[::1]', '127.0.0.1'));
  return { status: res.status, body: await res.json() };
}

describe('bus request drain (microservices mode)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let calling: INestApplication;
  let nc: NatsConnection;
  const serving: INestApplication[] = [];

  async function startServing(): Promise<INestApplication> {
    const env = validateEnv({ LOG_LEVEL: 'warn', DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL });
    const app = await startApp({ service: `drain-test${uniqueSuffix()}`, env, features: [HoldModule], handlesRequests: true, relay: false, port: 0 });
    serving.push(app);
    return app;
  }

  beforeAll(async () => {
    db = await createTestDatabase('drain');
    const env = validateEnv({ LOG_LEVEL: 'warn', DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL, BUS_TIMEOUT_MS: '60000' });
    calling = await startApp({ service: 'drain-calling', env, features: [], handlesRequests: false, relay: false, port: 0 });
    nc = await connect({ servers: TEST_NATS_URL });
  });

  afterAll(async () => {
    Gate.close()(); // let anything still held finish
    for (const app of serving) await app.close().catch(() => undefined);
    await calling?.close();
    await nc?.close();
    await db?.drop();
  });

  it('stops taking requests, answers the one under way, then the app closes', async () => {
    const app = await startServing();
    const open = Gate.close();
    const before = Gate.arrived;
    const inFlight = calling.get(BusClient).request(Hold, { text: 'under way' });
    await waitFor(() => Gate.arrived > before, { what: 'the request to reach the handler' });

    let drained: number | undefined;
    const draining = app
      .get(GracefulShutdown)
      .drain({ drainDelayMs: 1000, timeoutMs: 60_000 })
      .then(() => (drained = Gate.arrived));
    expect(await readiness(app)).toMatchObject({ status: 503, body: { error: { shutdown: { status: 'down', message: 'draining' } } } });
    // No new request reaches it: its subscription is gone while the first request is still held.
    await waitFor(async () => !(await hasResponder(nc)), { what: 'the subscription to end' });
    expect(drained).toBeUndefined();

    open();
    expect(await inFlight).toEqual({ text: 'under way' });
    await draining;
    await app.close();
  });

  it('gives up on requests still under way after the timeout, and says how many', async () => {
    const app = await startServing();
    Gate.close();
    const before = Gate.arrived;
    const inFlight = calling.get(BusClient).request(Hold, { text: 'never answered' }, { timeoutMs: 2000 }).catch((e) => e);
    await waitFor(() => Gate.arrived > before, { what: 'the request to reach the handler' });
    expect(await app.get(BusServer).drain(100)).toBe(1);
    await app.close();
    // The service closed without answering: the caller's own deadline decides.
    expect(await inFlight).toMatchObject({ code: 'upstream_timeout' });
    Gate.close()();
  });
});
