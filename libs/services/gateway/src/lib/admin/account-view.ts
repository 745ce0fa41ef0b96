import { ApiProperty } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { RATE_LIMIT_TIERS } from '@commontrace/util-config';
import { DataSource, EntityManager } from 'typeorm';

/** What an operator sees of an account (never its keys or their hashes). */
export class AccountView {
  @ApiProperty({ format: 'uuid', example: '3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b' })
  id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'my-agent' })
  name!: string | null;
  @ApiProperty({ enum: RATE_LIMIT_TIERS, example: 'free' })
  tier!: string;
  @ApiProperty({ example: false, description: 'while true, every key of the account answers 403 account_suspended' })
  suspended!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  suspended_at!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'why the account was suspended' })
  suspended_reason!: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:30:00.000Z' })
  created_at!: string;
  @ApiProperty({ example: 3, description: 'keys of the account, revoked and expired ones included' })
  key_count!: number;
  @ApiProperty({ example: 2, description: 'keys that are neither revoked nor expired' })
  usable_key_count!: number;
}

interface AccountRow {
  id: string;
  name: string | null;
  tier: string;
  suspended_at: Date | null;
  suspended_reason: string | null;
  created_at: Date;
  key_count: number;
  usable_key_count: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function accountNotFound(): DomainError {
  return new DomainError(ErrorCode.NotFound, 'No such account');
}

/** Refuses an id that is not a UUID before any query (the database would reject the cast). */
export function assertAccountId(accountId: string): void {
  if (!UUID.test(accountId)) throw accountNotFound();
}

/** The account as an operator sees it, or 404. */
export async function readAccount(db: DataSource | EntityManager, accountId: string): Promise<AccountView> {
  assertAccountId(accountId);
  const [row]: AccountRow[] = await db.query(
    `SELECT a.id, a.name, a.tier, a.suspended_at, a.suspended_reason, a.created_at,
            (SELECT count(*)::int FROM api_keys k WHERE k.account_id = a.id) AS key_count,
            (SELECT count(*)::int FROM api_keys k WHERE k.account_id = a.id AND k.revoked_at IS NULL
                AND (k.expires_at IS NULL OR k.expires_at > now())) AS usable_key_count
       FROM accounts a WHERE a.id = $1`,
    [accountId],
  );
  if (!row) throw accountNotFound();
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    suspended: row.suspended_at !== null,
    suspended_at: row.suspended_at ? new Date(row.suspended_at).toISOString() : null,
    suspended_reason: row.suspended_reason,
    created_at: new Date(row.created_at).toISOString(),
    key_count: Number(row.key_count),
    usable_key_count: Number(row.usable_key_count),
  };
}

/** Runs `change` on the account (404 when there is none), then answers the account as it is now. */
export async function changeAccount(db: DataSource, accountId: string, sql: string, params: unknown[]): Promise<AccountView> {
  assertAccountId(accountId);
  return db.transaction(async (m) => {
    const [rows]: [unknown[], number] = await m.query(`${sql} WHERE id = $1 RETURNING id`, [accountId, ...params]);
    if (!rows.length) throw accountNotFound();
    return readAccount(m, accountId);
  });
}
