import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { ApiKeyEntity } from '@commontrace/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { displayPrefix, generateApiKey } from '../../auth/api-key';
import type { AuthenticatedAccount } from '../../auth/current-account';
import { KeyHasher } from '../../auth/key-hasher';
import { KeyView, toKeyView } from '../../auth/key-view';
import { assertScope, KEY_SCOPES, KeyScope } from '../../auth/scopes';

/** Usable (unrevoked, unexpired) keys an account may hold at once. */
export const MAX_ACTIVE_KEYS = 25;

export class IssueApiKeyRequest {
  /** A name to tell the key apart in the list (e.g. the machine it runs on). */
  @ApiPropertyOptional({ maxLength: 100, example: 'build-server' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  /** What the key may do; default: every scope of the key that asks. */
  @ApiPropertyOptional({ type: [String], enum: KEY_SCOPES, minItems: 1, maxItems: KEY_SCOPES.length, uniqueItems: true, example: ['read'], description: 'default: every scope of the key that asks (never more)' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(KEY_SCOPES.length)
  @ArrayUnique()
  @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  /** When the key stops working (ISO 8601, in the future); default: never. */
  @ApiPropertyOptional({ format: 'date-time', example: '2027-01-01T00:00:00Z', description: 'ISO 8601, in the future; default: never' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expires_at?: string;
}

export interface IssuedKey extends KeyView {
  /** The key itself: shown here once, stored only as a hash. */
  api_key: string;
}

/**
 * Writes a new key for `accountId`; the caller has checked scopes and expiry. A key that replaces
 * another (rotation) is not held to MAX_ACTIVE_KEYS, since the old one is on its way out.
 */
export async function insertKey(
  m: EntityManager,
  hasher: KeyHasher,
  accountId: string,
  key: { name: string | null; scopes: KeyScope[]; expiresAt: Date | null; replacing?: boolean },
  callerKeyId: string,
): Promise<IssuedKey> {
  const [{ active }] = await m.query(
    `SELECT count(*)::int AS active FROM api_keys WHERE account_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    [accountId],
  );
  if (!key.replacing && active >= MAX_ACTIVE_KEYS) {
    throw new DomainError(ErrorCode.Conflict, `An account holds at most ${MAX_ACTIVE_KEYS} usable keys: revoke one first`);
  }
  const secret = generateApiKey();
  const row = await m.save(
    m.create(ApiKeyEntity, {
      account_id: accountId,
      ...hasher.stored(secret),
      prefix: displayPrefix(secret),
      name: key.name,
      scopes: key.scopes,
      expires_at: key.expiresAt,
    }),
  );
  return { api_key: secret, ...toKeyView({ ...row, scopes: row.scopes as KeyScope[], last_used_at: null, revoked_at: null }, callerKeyId) };
}

/**
 * A new key for the caller's account, returned once. A key cannot grant more than it holds: each
 * scope asked for must be one of the caller's (else 403 missing_scope).
 */
@Injectable()
export class IssueApiKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: KeyHasher,
  ) {}

  async execute(account: Pick<AuthenticatedAccount, 'id' | 'keyId' | 'scopes'>, request: IssueApiKeyRequest, now = new Date()): Promise<IssuedKey> {
    const scopes = request.scopes ?? account.scopes;
    for (const scope of scopes) assertScope(account.scopes, scope);
    const expiresAt = request.expires_at ? new Date(request.expires_at) : null;
    if (expiresAt && !(expiresAt.getTime() > now.getTime())) {
      throw new DomainError(ErrorCode.ValidationFailed, 'expires_at must be in the future', {
        errors: [{ field: 'expires_at', message: 'must be in the future' }],
      });
    }
    const ordered = KEY_SCOPES.filter((s) => scopes.includes(s));
    return this.dataSource.transaction(async (m) => {
      // One issuer at a time per account, so that the count of usable keys holds.
      await m.query(`SELECT id FROM accounts WHERE id = $1 FOR UPDATE`, [account.id]);
      return insertKey(m, this.hasher, account.id, { name: request.name ?? null, scopes: ordered, expiresAt }, account.keyId);
    });
  }
}
