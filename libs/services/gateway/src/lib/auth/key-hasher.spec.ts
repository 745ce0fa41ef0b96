import { createHash, createHmac } from 'node:crypto';
import { generateApiKey, hashApiKey } from './api-key';
import { KeyHasher } from './key-hasher';

const PEPPER = 'pepper-'.padEnd(40, 'x');

describe('KeyHasher', () => {
  const key = generateApiKey();
  const sha = createHash('sha256').update(key).digest('hex');
  const hmac = createHmac('sha256', PEPPER).update(key).digest('hex');

  it('stores SHA-256 of the key without a pepper, HMAC-SHA256 with one', () => {
    expect(new KeyHasher().stored(key)).toEqual({ key_hash: sha, key_hash_scheme: 'sha256' });
    expect(new KeyHasher(PEPPER).stored(key)).toEqual({ key_hash: hmac, key_hash_scheme: 'hmac-sha256' });
    expect(hashApiKey(key)).toBe(sha);
    expect(hashApiKey(key, PEPPER)).toBe(hmac);
  });

  it('finds a key under its HMAC and, until it is upgraded, its SHA-256', () => {
    expect(new KeyHasher(PEPPER).candidates(key)).toEqual([hmac, sha]);
    expect(new KeyHasher().candidates(key)).toEqual([sha, sha]);
  });

  it("checks a row by the row's scheme, and never a peppered row without the pepper", () => {
    const peppered = new KeyHasher(PEPPER);
    const plain = new KeyHasher();
    expect(peppered.matches(key, { key_hash: sha, key_hash_scheme: 'sha256' })).toBe(true);
    expect(peppered.matches(key, { key_hash: hmac, key_hash_scheme: 'hmac-sha256' })).toBe(true);
    expect(peppered.matches(key, { key_hash: sha, key_hash_scheme: 'hmac-sha256' })).toBe(false);
    expect(peppered.matches(generateApiKey(), { key_hash: hmac, key_hash_scheme: 'hmac-sha256' })).toBe(false);
    expect(plain.matches(key, { key_hash: sha, key_hash_scheme: 'sha256' })).toBe(true);
    expect(plain.matches(key, { key_hash: hmac, key_hash_scheme: 'hmac-sha256' })).toBe(false);
    expect(new KeyHasher('another-pepper'.padEnd(40, 'y')).matches(key, { key_hash: hmac, key_hash_scheme: 'hmac-sha256' })).toBe(false);
    expect(peppered.matches(key, { key_hash: 'short', key_hash_scheme: 'sha256' })).toBe(false);
    expect(peppered.matches(key, { key_hash: sha, key_hash_scheme: 'md5' })).toBe(false);
  });

  it('upgrades SHA-256 rows once a pepper is on, and nothing without one', () => {
    expect(new KeyHasher(PEPPER).needsUpgrade({ key_hash: sha, key_hash_scheme: 'sha256' })).toBe(true);
    expect(new KeyHasher(PEPPER).needsUpgrade({ key_hash: hmac, key_hash_scheme: 'hmac-sha256' })).toBe(false);
    expect(new KeyHasher().needsUpgrade({ key_hash: sha, key_hash_scheme: 'sha256' })).toBe(false);
  });
});
