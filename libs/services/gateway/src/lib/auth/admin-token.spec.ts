import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { looksLikeApiKey } from './api-key';
import { adminTokenMatches, bearerToken, generateAdminToken, hashAdminToken } from './admin-token';

describe('admin token', () => {
  it('is random, unlike an API key, and configured by its SHA-256 in hex', () => {
    const token = generateAdminToken();
    expect(token).toMatch(/^ctadm_[A-Za-z0-9_-]{43}$/);
    expect(generateAdminToken()).not.toBe(token);
    expect(looksLikeApiKey(token)).toBe(false);
    expect(hashAdminToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('matches only the token whose hash is configured, whatever the case of the hex digits', () => {
    const token = generateAdminToken();
    const hash = hashAdminToken(token);
    expect(adminTokenMatches(token, hash)).toBe(true);
    expect(adminTokenMatches(token, hash.toUpperCase())).toBe(true);
    expect(adminTokenMatches(generateAdminToken(), hash)).toBe(false);
    expect(adminTokenMatches(hash, hash)).toBe(false);
    expect(adminTokenMatches(token, 'abcd')).toBe(false);
  });

  it('is read from a Bearer authorization header only', () => {
    expect(bearerToken('Bearer ctadm_abc')).toBe('ctadm_abc');
    expect(bearerToken('bearer  ctadm_abc ')).toBe('ctadm_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(['Bearer x'])).toBeUndefined();
  });
});

describe('tools/admin/admin-token.mjs', () => {
  it('mints a token of this form and prints the hash the gateway derives from it', () => {
    const script = join(__dirname, '../../../../../../tools/admin/admin-token.mjs');
    const { token, sha256 } = JSON.parse(execFileSync(process.execPath, [script, '--json'], { encoding: 'utf8' }));
    expect(token).toMatch(/^ctadm_[A-Za-z0-9_-]{43}$/);
    expect(sha256).toBe(hashAdminToken(token));
    expect(adminTokenMatches(token, sha256)).toBe(true);
  });
});
