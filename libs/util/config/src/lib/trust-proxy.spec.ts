import { parseTrustProxy } from './trust-proxy';
import { validateEnv } from './validate-env';

describe('parseTrustProxy', () => {
  it('trusts no proxy by default', () => {
    expect(parseTrustProxy(undefined)).toEqual({ value: false, problems: [] });
    expect(parseTrustProxy('false')).toEqual({ value: false, problems: [] });
  });

  it('takes a hop count, or proxy addresses, CIDR ranges and range names', () => {
    expect(parseTrustProxy('1')).toEqual({ value: 1, problems: [] });
    expect(parseTrustProxy('loopback, 10.0.0.0/8,2001:db8::/32 ,192.0.2.1')).toEqual({
      value: ['loopback', '10.0.0.0/8', '2001:db8::/32', '192.0.2.1'],
      problems: [],
    });
  });

  it('refuses to trust every hop, and what is not an address', () => {
    expect(parseTrustProxy('true').problems).toEqual([expect.stringContaining('any client choose its address')]);
    expect(parseTrustProxy('proxy.example.com,10.0.0.0/33').problems).toEqual([
      'TRUST_PROXY: "proxy.example.com" is not an address, a CIDR range or one of loopback, linklocal, uniquelocal',
      'TRUST_PROXY: "10.0.0.0/33" is not an address, a CIDR range or one of loopback, linklocal, uniquelocal',
    ]);
    expect(() => validateEnv({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(validateEnv({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toBe('loopback');
  });
});
