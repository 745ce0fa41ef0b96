import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys get scopes (`read`, `write`, `vote`; existing keys keep all three, so nothing changes
 * for them) and an optional expiry, after which the gateway answers 401. Rotation sets the old
 * key's expiry to the end of its grace period.
 */
export class ApiKeyScopesAndExpiry1765353600000 implements MigrationInterface {
  name = 'ApiKeyScopesAndExpiry1765353600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys ADD COLUMN scopes text[] NOT NULL DEFAULT '{read,write,vote}'`);
    await q.query(`ALTER TABLE api_keys ADD COLUMN expires_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys DROP COLUMN expires_at`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN scopes`);
  }
}
