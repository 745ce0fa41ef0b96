import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'ct_';

/** A new key: `ct_` and 43 URL-safe characters (256 random bits). Shown once, stored only as a hash. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What is kept to show which key is which: the first characters only. */
export function displayPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + 6);
}

export function looksLikeApiKey(value: unknown): value is string {
  return typeof value === 'string' && /^ct_[A-Za-z0-9_-]{43}$/.test(value);
}
