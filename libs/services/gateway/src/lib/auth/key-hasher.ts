import { timingSafeEqual } from 'node:crypto';
import { hashApiKey, KeyHashScheme } from './api-key';

/** What a stored key row says about its hash. */
export interface StoredKeyHash {
  key_hash: string;
  key_hash_scheme: string;
}

/**
 * Stores and checks API key hashes with the server's pepper (API_KEY_PEPPER) when there is one.
 * Turning a pepper on locks no key out: keys stored before keep their SHA-256 and are found by
 * it, and the guard rehashes each one with the pepper on its first successful use (needsUpgrade).
 * Changing or removing the pepper afterwards does lock out the keys hashed with it.
 */
export class KeyHasher {
  constructor(private readonly pepper?: string) {}

  /** The scheme new keys are stored with. */
  get scheme(): KeyHashScheme {
    return this.pepper === undefined ? 'sha256' : 'hmac-sha256';
  }

  /** The columns a new key is stored with. */
  stored(key: string): StoredKeyHash & { key_hash_scheme: KeyHashScheme } {
    return { key_hash: hashApiKey(key, this.pepper), key_hash_scheme: this.scheme };
  }

  /** The hashes a presented key may be stored under: with a pepper, its HMAC and (not yet upgraded) its SHA-256. */
  candidates(key: string): [string, string] {
    return [hashApiKey(key, this.pepper), hashApiKey(key)];
  }

  /**
   * Whether `key` is the key of a stored row, by the row's own scheme, compared in constant time.
   * A row hashed with a pepper never matches while none is configured.
   */
  matches(key: string, row: StoredKeyHash): boolean {
    let expected: string;
    if (row.key_hash_scheme === 'sha256') expected = hashApiKey(key);
    else if (row.key_hash_scheme === 'hmac-sha256' && this.pepper !== undefined) expected = hashApiKey(key, this.pepper);
    else return false;
    const a = Buffer.from(expected, 'hex');
    const b = Buffer.from(row.key_hash.trim(), 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Whether a matching row should be rehashed with the pepper now in force. */
  needsUpgrade(row: StoredKeyHash): boolean {
    return row.key_hash_scheme !== this.scheme && this.scheme === 'hmac-sha256';
  }
}
