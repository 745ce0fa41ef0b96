import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An operator can suspend an account (the admin API): while `suspended_at` is set every key of
 * the account answers 403 account_suspended; `suspended_reason` says why. Restoring clears both.
 */
export class AccountSuspension1765699200000 implements MigrationInterface {
  name = 'AccountSuspension1765699200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN suspended_at timestamptz`);
    await q.query(`ALTER TABLE accounts ADD COLUMN suspended_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP COLUMN suspended_reason`);
    await q.query(`ALTER TABLE accounts DROP COLUMN suspended_at`);
  }
}
