import { INestApplication, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { defineRequest, DomainError, ErrorCode } from '@commontrace/contracts';
import { BusClient, BusController, MAX_REPLY_BYTES } from '@commontrace/messaging';
import { startApp } from '@commontrace/runtime';
import { validateEnv } from '@commontrace/util-config';
import { RequestContext } from '@commontrace/util-observability';
import { createTestDatabase, TEST_NATS_URL, uniqueSuffix } from '@commontrace/util-testing';
import { IsInt, IsString, Max } from 'class-validator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Subjects unique to this run, so nothing else on the shared NATS server answers them.
const prefix = `ct.v1.test${uniqueSuffix()}`;

class EchoRequest {
  @IsString()
  text: string;

  @IsInt()
  @Max(10_000)
  delay_ms: number;
}

const Echo = defineRequest<EchoRequest, { text: string; request_id: string | undefined }>(`${prefix}.echo`, EchoRequest);
const Fail = defineRequest<EchoRequest, never>(`${prefix}.fail`, EchoRequest);

class SizedRequest {
  @IsInt()
  @Max(2_000_000)
  bytes: number;
}
/** Replies with a JSON string of exactly `bytes` bytes. */
const Sized = defineRequest<SizedRequest, string>(`${prefix}.sized`, SizedRequest);

@BusController()
class EchoController {
  @MessagePattern(Echo.subject)
  async echo(@Payload() request: EchoRequest) {
    await new Promise((r) => setTimeout(r, request.delay_ms));
    return { text: request.text, request_id: RequestContext.requestId() };
  }

  @MessagePattern(Sized.subject)
  sized(@Payload() request: SizedRequest) {
    return 'x'.repeat(request.bytes - 2);
  }

  @MessagePattern(Fail.subject)
  fail(@Payload() request: EchoRequest) {
    if (request.text === 'domain') throw new DomainError(ErrorCode.Conflict, 'it conflicts', { details: { why: 'test' } });
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

/** The same expectations for both transports: what a caller sees must not depend on the mode. */
function busContract(name: string, start: () => Promise<{ app: INestApplication; cleanup(): Promise<void> }>) {
  describe(`bus contract over ${name}`, () => {
    let app: INestApplication;
    let cleanup: () => Promise<void>;
    let bus: BusClient;

    beforeAll(async () => {
      ({ app, cleanup } = await start());
      bus = app.get(BusClient);
    });
    afterAll(async () => {
      await app?.close();
      await cleanup?.();
    });

    it('answers a request', async () => {
      expect(await bus.request(Echo, { text: 'hi', delay_ms: 0 })).toMatchObject({ text: 'hi' });
    });

    it('carries the request id to the handler', async () => {
      const requestId = `req-${name.replace(/\W+/g, "-")}`;
      const reply = await RequestContext.run({ requestId }, () => bus.request(Echo, { text: 'x', delay_ms: 0 }));
      expect(reply.request_id).toBe(requestId);
    });

    it('rejects an invalid payload with validation_failed and the field', async () => {
      const error = await bus.request(Echo, { text: 42 as unknown as string, delay_ms: 0 }).catch((e) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe('validation_failed');
      expect(error.extra.errors).toEqual([{ field: 'text', message: expect.any(String) }]);
    });

    it('refuses a control character in a payload, as the gateway does, naming the field', async () => {
      const error = await bus.request(Echo, { text: 'a\u0000b', delay_ms: 0 }).catch((e) => e);
      expect(error).toMatchObject({ code: 'validation_failed', extra: { errors: [{ field: 'text', message: expect.stringContaining('U+0000') }] } });
    });

    it('keeps the code and details of a DomainError', async () => {
      const error = await bus.request(Fail, { text: 'domain', delay_ms: 0 }).catch((e) => e);
      expect(error).toMatchObject({ code: 'conflict', message: 'it conflicts', extra: { details: { why: 'test' } } });
    });

    it('hides an unexpected error behind internal_error', async () => {
      const error = await bus.request(Fail, { text: 'boom', delay_ms: 0 }).catch((e) => e);
      expect(error).toMatchObject({ code: 'internal_error' });
      expect(error.message).not.toContain('hunter2');
    });

    it('carries a reply of exactly MAX_REPLY_BYTES', async () => {
      expect(await bus.request(Sized, { bytes: MAX_REPLY_BYTES })).toHaveLength(MAX_REPLY_BYTES - 2);
    });

    it('refuses a reply over MAX_REPLY_BYTES with reply_too_large (502), the same in both modes', async () => {
      const error = await bus.request(Sized, { bytes: MAX_REPLY_BYTES + 1 }, { timeoutMs: 30_000 }).catch((e) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect({ code: error.code, status: error.status, details: error.extra.details }).toEqual({
        code: 'reply_too_large',
        status: 502,
        details: { subject: Sized.subject, bytes: MAX_REPLY_BYTES + 1, limit: MAX_REPLY_BYTES },
      });
      // Over NATS's own payload limit (1 MiB) too: the caller gets the same answer, not a timeout.
      const huge = await bus.request(Sized, { bytes: 1_500_000 }, { timeoutMs: 30_000 }).catch((e) => e);
      expect(huge).toMatchObject({ code: 'reply_too_large', extra: { details: { bytes: 1_500_000 } } });
    });

    it('fails with upstream_timeout after the deadline', async () => {
      const error = await bus.request(Echo, { text: 'slow', delay_ms: 1500 }, { timeoutMs: 200 }).catch((e) => e);
      expect(error).toMatchObject({ code: 'upstream_timeout' });
    });
  });
}

const quiet = { LOG_LEVEL: 'warn' };

busContract('NATS', async () => {
  const db = await createTestDatabase('bus');
  const env = validateEnv({ ...quiet, DATABASE_URL: db.url, NATS_URL: TEST_NATS_URL });
  const app = await startApp({ service: 'bus-test', env, features: [EchoModule], handlesRequests: true, relay: false, port: 0 });
  return { app, cleanup: () => db.drop() };
});

busContract('the in-process transport', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ct-bus-'));
  const env = validateEnv({ ...quiet, DATA_DIR: dir });
  const app = await startApp({ service: 'bus-test', env, features: [EchoModule], handlesRequests: true, relay: false, port: 0 });
  return { app, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
