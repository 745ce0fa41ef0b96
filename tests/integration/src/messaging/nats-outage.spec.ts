/**
 * A NATS outage longer than the NATS client's default reconnect window (10 attempts, 2 s apart):
 * while the server is down, both the calling process and the serving process report not ready and
 * requests fail at once with service_unavailable (503); once the server is back on the same port,
 * both reconnect by themselves, report ready, and requests work again.
 *
 * The spec runs its OWN nats-server on a free port (never the shared one, never TEST_NATS_URL's),
 * and kills and restarts only that one.
 */
import { INestApplication, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { defineRequest, DomainError } from '@commontrace/contracts';
import { BusClient, BusController } from '@commontrace/messaging';
import { startApp } from '@commontrace/runtime';
import { validateEnv } from '@commontrace/util-config';
import { createTestDatabase, NatsServerProcess, waitFor } from '@commontrace/util-testing';
import { IsString } from 'class-validator';

/** Longer than nats.js's default reconnect window (maxReconnectAttempts 10 × reconnectTimeWait 2 s). */
const OUTAGE_MS = 25_000;

class PingRequest {
  @IsString()
  text: string;
}
const Ping = defineRequest<PingRequest, { text: string }>('ct.v1.outage-test.ping', PingRequest);

@BusController()
class PingController {
  @MessagePattern(Ping.subject)
  ping(@Payload() request: PingRequest) {
    return { text: request.text };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

async function ready(app: INestApplication): Promise<number> {
  const res = await fetch(`${await app.getUrl()}/health/ready`.replace('[::1]', '127.0.0.1'));
  return res.status;
}

describe('NATS outage: reconnect without a limit, readiness follows the connections', () => {
  let nats: NatsServerProcess;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let serving: INestApplication;
  let calling: INestApplication;
  let bus: BusClient;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    db = await createTestDatabase('outage');
    const env = validateEnv({ LOG_LEVEL: 'fatal', DATABASE_URL: db.url, NATS_URL: nats.url });
    // The serving side answers Ping in its queue group; the calling side (like the gateway) only asks.
    serving = await startApp({ service: 'outage-serving', env, features: [PingModule], handlesRequests: true, relay: false, port: 0 });
    calling = await startApp({ service: 'outage-calling', env, features: [], handlesRequests: false, relay: false, port: 0 });
    bus = calling.get(BusClient);
  });

  afterAll(async () => {
    await calling?.close();
    await serving?.close();
    await nats?.stop();
    await db?.drop();
  });

  it('is ready and answers before the outage', async () => {
    expect(await ready(serving)).toBe(200);
    expect(await ready(calling)).toBe(200);
    expect(await bus.request(Ping, { text: 'before' })).toEqual({ text: 'before' });
  });

  it('reports not ready on both sides and fails requests at once while NATS is down', async () => {
    await nats.kill();
    await waitFor(async () => (await ready(serving)) === 503, { what: 'the serving side to report not ready' });
    await waitFor(async () => (await ready(calling)) === 503, { what: 'the calling side to report not ready' });
    // A generous deadline: an answer of upstream_timeout would mean the request waited instead of failing.
    const error = await bus.request(Ping, { text: 'during' }, { timeoutMs: 60_000 }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect({ code: error.code, status: error.status }).toEqual({ code: 'service_unavailable', status: 503 });

    // Stay down for longer than the NATS client's default reconnect window.
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    expect(await ready(serving)).toBe(503);
    expect(await ready(calling)).toBe(503);
    const still = await bus.request(Ping, { text: 'still down' }, { timeoutMs: 60_000 }).catch((e) => e);
    expect(still).toMatchObject({ code: 'service_unavailable' });
  }, OUTAGE_MS + 60_000);

  it('reconnects both sides once NATS is back on the same port, and requests work again', async () => {
    await nats.start();
    await waitFor(async () => (await ready(serving)) === 200, { what: 'the serving side to be ready again', timeoutMs: 30_000 });
    await waitFor(async () => (await ready(calling)) === 200, { what: 'the calling side to be ready again', timeoutMs: 30_000 });
    // The serving side re-subscribed in its queue group, and the calling side's requests go through.
    expect(await bus.request(Ping, { text: 'after' })).toEqual({ text: 'after' });
  }, 70_000);
});
