import { DomainError } from '@commontrace/contracts';
import { assertScope, requiredScope, unusableBecause } from './scopes';

describe('key scopes', () => {
  it('need read for GET, write for other methods, unless the route declares its scope', () => {
    expect(requiredScope('GET', undefined)).toBe('read');
    expect(requiredScope('head', undefined)).toBe('read');
    expect(requiredScope('POST', undefined)).toBe('write');
    expect(requiredScope('DELETE', undefined)).toBe('write');
    expect(requiredScope('POST', 'vote')).toBe('vote');
    expect(requiredScope('POST', 'read')).toBe('read');
    expect(requiredScope('GET', 'none')).toBeNull();
  });

  it('refuse a key without the scope with 403 missing_scope naming it', () => {
    expect(() => assertScope(['read', 'vote'], 'read')).not.toThrow();
    expect(() => assertScope([], null)).not.toThrow();
    let refused: unknown;
    try {
      assertScope(['read'], 'vote');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).toBody()).toEqual({ code: 'missing_scope', message: expect.stringContaining("'vote'"), details: { scope: 'vote' } });
    expect((refused as DomainError).status).toBe(403);
  });

  it('tell a revoked key and an expired one from a usable one', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(unusableBecause({ revoked_at: null, expires_at: null }, now)).toBeNull();
    expect(unusableBecause({ revoked_at: null, expires_at: '2026-01-01T00:00:01Z' }, now)).toBeNull();
    expect(unusableBecause({ revoked_at: null, expires_at: now }, now)).toBe('expired');
    expect(unusableBecause({ revoked_at: new Date(0), expires_at: '2027-01-01T00:00:00Z' }, now)).toBe('revoked');
  });
});
