import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each key's hash was made: `sha256` (SHA-256 of the key, every key so far) or `hmac-sha256`
 * (HMAC-SHA256 with the server's API_KEY_PEPPER). With a pepper set, new keys are stored with
 * the HMAC and older keys are rehashed on their first successful use (docs/decisions.md).
 */
export class ApiKeyHashScheme1765612800000 implements MigrationInterface {
  name = 'ApiKeyHashScheme1765612800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE api_keys ADD COLUMN key_hash_scheme text NOT NULL DEFAULT 'sha256' CHECK (key_hash_scheme IN ('sha256', 'hmac-sha256'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // A key hashed with the pepper cannot be turned back into its SHA-256: it stops working.
    await q.query(`DELETE FROM api_keys WHERE key_hash_scheme <> 'sha256'`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN key_hash_scheme`);
  }
}
