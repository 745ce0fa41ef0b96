import { createHash, createHmac, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'ct_';

/** A new key: `ct_` and 43 URL-safe characters (256 random bits). Shown once, stored only as a hash. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** How a stored key hash was made: SHA-256 of the key, or HMAC-SHA256 keyed with the server's pepper. */
export const KEY_HASH_SCHEMES = ['sha256', 'hmac-sha256'] as const;
export type KeyHashScheme = (typeof KEY_HASH_SCHEMES)[number];

/**
 * The one derivation of a stored key hash (64 hex digits): HMAC-SHA256(pepper, key) with a pepper
 * (API_KEY_PEPPER), SHA-256(key) without. KeyHasher decides which applies.
 */
export function hashApiKey(key: string, pepper?: string): string {
  return (pepper === undefined ? createHash('sha256') : createHmac('sha256', pepper)).update(key, 'utf8').digest('hex');
}

/** What is kept to show which key is which: the first characters only. */
export function displayPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + 6);
}

export function looksLikeApiKey(value: unknown): value is string {
  return typeof value === 'string' && /^ct_[A-Za-z0-9_-]{43}$/.test(value);
}
