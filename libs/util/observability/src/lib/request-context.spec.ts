import { RequestContext } from './request-context';

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
});
