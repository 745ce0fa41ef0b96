import { IDEMPOTENCY_HEADERS, REQUEST_ID_HEADER, RequestContext } from './request-context';

describe('RequestContext', () => {
  it('keeps the request id across awaits inside run()', async () => {
    const seen = await RequestContext.run({ requestId: 'req-1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return RequestContext.requestId();
    });
    expect(seen).toBe('req-1');
    expect(RequestContext.requestId()).toBeUndefined();
  });

  it('accepts sane caller ids and replaces anything else', () => {
    expect(RequestContext.sanitize('abc-123')).toBe('abc-123');
    const replaced = RequestContext.sanitize('bad id with spaces\n');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(RequestContext.sanitize(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('bus headers', () => {
    const scope = { account: '3f1c2a9e-7b4d-4e5f-8a6b-1c2d3e4f5a6b', key: 'retry-1', requestHash: 'a'.repeat(64) };
    const lookup = (headers: Record<string, string>) => (name: string) => headers[name];

    it('sends the gateway key and restores it as the handler key, not as one to send on', () => {
      const headers = RequestContext.run({ requestId: 'req-2', outgoingIdempotency: scope }, () => RequestContext.toHeaders());
      expect(headers).toEqual({
        [REQUEST_ID_HEADER]: 'req-2',
        [IDEMPOTENCY_HEADERS.key]: 'retry-1',
        [IDEMPOTENCY_HEADERS.account]: scope.account,
        [IDEMPOTENCY_HEADERS.requestHash]: scope.requestHash,
      });
      const restored = RequestContext.fromHeaders(lookup(headers));
      expect(restored).toEqual({ requestId: 'req-2', idempotency: scope });
      expect(RequestContext.run(restored, () => RequestContext.toHeaders())).toEqual({ [REQUEST_ID_HEADER]: 'req-2' });
    });

    it('ignores an idempotency key whose parts are missing or malformed', () => {
      const good = RequestContext.run({ requestId: 'r', outgoingIdempotency: scope }, () => RequestContext.toHeaders());
      for (const [name, value] of [
        [IDEMPOTENCY_HEADERS.key, 'has space'],
        [IDEMPOTENCY_HEADERS.account, 'not-a-uuid'],
        [IDEMPOTENCY_HEADERS.requestHash, 'short'],
        [IDEMPOTENCY_HEADERS.key, ''],
      ]) {
        expect(RequestContext.fromHeaders(lookup({ ...good, [name]: value }))).toEqual({ requestId: 'r' });
      }
    });
  });
});
