import { canonicalJson } from '@commontrace/contracts';
import { requestHash } from './idempotency.interceptor';

describe('the request hash an Idempotency-Key binds to', () => {
  it('is the same for one body whatever the order of its fields, at every depth', () => {
    const a = { title: 't', trace: { tags: ['x', 'y'], metadata_json: { b: 1, a: 2 } } };
    const b = { trace: { metadata_json: { a: 2, b: 1 }, tags: ['x', 'y'] }, title: 't' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestHash('POST', '/api/v1/traces', a)).toBe(requestHash('POST', '/api/v1/traces', b));
  });

  it('differs when a value, the order of an array, the method or the path differs', () => {
    const body = { tags: ['x', 'y'], title: 't' };
    const hash = requestHash('POST', '/api/v1/traces', body);
    expect(requestHash('POST', '/api/v1/traces', { ...body, title: 'u' })).not.toBe(hash);
    expect(requestHash('POST', '/api/v1/traces', { ...body, tags: ['y', 'x'] })).not.toBe(hash);
    expect(requestHash('PUT', '/api/v1/traces', body)).not.toBe(hash);
    expect(requestHash('POST', '/api/v1/keys', body)).not.toBe(hash);
  });

  it('hashes an absent body like null', () => {
    expect(canonicalJson(undefined)).toBe('null');
  });
});
