import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { DataSource } from 'typeorm';
import type { AuthenticatedAccount } from '../../auth/current-account';
import { KeyHasher } from '../../auth/key-hasher';
import { assertKeyId, KEY_VIEW_COLUMNS, KeyRow, KeyView, keyNotFound, toKeyView } from '../../auth/key-view';
import { assertScope, unusableBecause } from '../../auth/scopes';
import { insertKey, IssuedKey } from '../issue-api-key/issue-api-key.usecase';

/** The old key keeps working this long after a rotation unless the request says otherwise: one day. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 86_400;
/** The longest grace period a rotation may ask for: seven days. */
export const MAX_ROTATION_GRACE_SECONDS = 7 * 86_400;

export class RotateApiKeyRequest {
  /** How long the old key keeps working, in seconds (0: stops at once); default one day, at most seven. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_ROTATION_GRACE_SECONDS, default: DEFAULT_ROTATION_GRACE_SECONDS, example: 3600, description: 'how long the old key keeps working (0: stops at once)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ROTATION_GRACE_SECONDS)
  grace_seconds?: number;
}

export interface RotatedKey {
  /** The new key (same name, scopes and expiry as the old one), shown once. */
  key: IssuedKey;
  /** The old key, with expires_at at the end of its grace period. */
  replaced: KeyView;
}

/**
 * Replaces one of the caller's account's keys: a new key with the old one's name, scopes and
 * expiry, while the old key keeps working for the grace period (its expires_at becomes the end of
 * it, or stays if sooner). Another account's key answers 404 and is untouched; a revoked or expired
 * key answers 409; a key holding a scope the caller lacks answers 403 missing_scope.
 */
@Injectable()
export class RotateApiKeyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: KeyHasher,
  ) {}

  async execute(account: Pick<AuthenticatedAccount, 'id' | 'keyId' | 'scopes'>, keyId: string, request: RotateApiKeyRequest): Promise<RotatedKey> {
    assertKeyId(keyId);
    const grace = request.grace_seconds ?? DEFAULT_ROTATION_GRACE_SECONDS;
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT id FROM accounts WHERE id = $1 FOR UPDATE`, [account.id]);
      const [old]: KeyRow[] = await m.query(`SELECT ${KEY_VIEW_COLUMNS} FROM api_keys WHERE id = $1 AND account_id = $2 FOR UPDATE`, [
        keyId,
        account.id,
      ]);
      if (!old) throw keyNotFound();
      const unusable = unusableBecause(old, new Date());
      if (unusable) throw new DomainError(ErrorCode.Conflict, `This key is ${unusable}: issue a new one instead`);
      for (const scope of old.scopes) assertScope(account.scopes, scope);
      const [[replaced]]: [KeyRow[], number] = await m.query(
        `UPDATE api_keys SET expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => $2))
          WHERE id = $1 RETURNING ${KEY_VIEW_COLUMNS}`,
        [keyId, grace],
      );
      const key = await insertKey(m, this.hasher, account.id, { name: old.name, scopes: old.scopes, expiresAt: old.expires_at, replacing: true }, account.keyId);
      return { key, replaced: toKeyView(replaced, account.keyId) };
    });
  }
}
