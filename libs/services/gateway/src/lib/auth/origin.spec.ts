import { networkOf, registrationOrigin } from './origin';

describe('registration origin', () => {
  it('groups IPv4 addresses by /24, IPv4-mapped IPv6 included', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.200')).toBe('203.0.113.0/24');
    expect(registrationOrigin('203.0.113.7')).toBe(registrationOrigin('203.0.113.250'));
    expect(registrationOrigin('203.0.113.7')).not.toBe(registrationOrigin('203.0.114.7'));
  });

  it('groups IPv6 addresses by /48, however they are written', () => {
    expect(networkOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:0db8:ABCD:0012:0000:0000:0000:0001')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(networkOf('::1')).toBe('0:0:0::/48');
    expect(registrationOrigin('2001:db8:abcd:1::1')).toBe(registrationOrigin('2001:db8:abcd:ffff::2'));
  });

  it('keeps no address, and has none for what is not an address', () => {
    expect(registrationOrigin('203.0.113.7')).toMatch(/^[0-9a-f]{32}$/);
    expect(registrationOrigin(undefined)).toBeNull();
    expect(registrationOrigin('not-an-ip')).toBeNull();
  });
});
