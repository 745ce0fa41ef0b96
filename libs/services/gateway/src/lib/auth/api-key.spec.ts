import { displayPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key';

describe('API keys', () => {
  it('are random, well formed and hashed with SHA-256 (HMAC-SHA256 with a pepper)', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a).not.toBe(b);
    expect(looksLikeApiKey(a)).toBe(true);
    expect(hashApiKey(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(a)).toBe(hashApiKey(a));
    expect(hashApiKey(a, 'p'.repeat(32))).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(a, 'p'.repeat(32))).not.toBe(hashApiKey(a));
    expect(displayPrefix(a)).toHaveLength(9);
    expect(a.startsWith(displayPrefix(a))).toBe(true);
  });

  it('rejects malformed keys before any lookup', () => {
    expect(looksLikeApiKey('ct_short')).toBe(false);
    expect(looksLikeApiKey(undefined)).toBe(false);
    expect(looksLikeApiKey('xx_' + 'a'.repeat(43))).toBe(false);
  });
});
