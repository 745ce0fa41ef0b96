import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys move from the gateway to the service that writes: a key row is now inserted
 * in the write's own transaction, with the write's answer, so a row always holds a committed
 * answer. Claims without an answer go, and so does the link to the gateway's accounts table
 * (the messaging library owns the table, like the outbox, and every writing service uses it).
 * The answer is `json`, not `jsonb`, so a replay has the first answer's exact field order.
 */
export class IdempotencyKeysOwnedByTheWrite1764576000000 implements MigrationInterface {
  name = 'IdempotencyKeysOwnedByTheWrite1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM idempotency_keys WHERE status_code IS NULL OR response IS NULL`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT IF EXISTS idempotency_keys_account_id_fkey`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN status_code`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN response TYPE json USING response::json, ALTER COLUMN response SET NOT NULL`);
    await q.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS idempotency_keys_created_at_idx`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN response DROP NOT NULL, ALTER COLUMN response TYPE jsonb USING response::jsonb`);
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN status_code int`);
    await q.query(`DELETE FROM idempotency_keys WHERE account_id NOT IN (SELECT id FROM accounts)`);
    await q.query(
      `ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE`,
    );
  }
}
