import { apiKeyFrom } from './api-key';

describe('apiKeyFrom', () => {
  it('takes X-API-Key first, then a bearer token', () => {
    expect(apiKeyFrom({ 'x-api-key': 'ct_a', authorization: 'Bearer ct_b' })).toBe('ct_a');
    expect(apiKeyFrom({ authorization: 'Bearer ct_b' })).toBe('ct_b');
    expect(apiKeyFrom({ authorization: 'bearer   ct_c' })).toBe('ct_c');
  });

  it('finds none in other schemes or empty headers', () => {
    expect(apiKeyFrom({ authorization: 'Basic dXNlcjpwYXNz' })).toBeUndefined();
    expect(apiKeyFrom({ 'x-api-key': '  ' })).toBeUndefined();
    expect(apiKeyFrom({})).toBeUndefined();
  });
});
