import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { preparedQuery } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { looksLikeApiKey } from './api-key';
import { KeyHasher, StoredKeyHash } from './key-hasher';
import { PUBLIC_ROUTE } from '@commontrace/util-observability';
import { ADMIN_ROUTE } from './admin-token';
import { assertScope, KeyScope, REQUIRED_SCOPE, requiredScope, unusableBecause } from './scopes';

export const API_KEY_HEADER = 'x-api-key';

/** A stored key and its account, as the check reads them (the key's columns, then the account's id, tier and suspension). */
interface KeyRow extends StoredKeyHash {
  key_id: string;
  last_used_at: Date | null;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  id: string;
  tier: string;
  suspended_at: Date | null;
}
/** last_used_at is refreshed at most this often per key, so reads do not become writes. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Every route but the public and the admin ones needs a valid key in X-API-Key: unrevoked (else
 * 401), unexpired (else 401), of an account that is not suspended (else 403 account_suspended),
 * and holding the scope the route needs (else 403 missing_scope; see scopes.ts). A key stored
 * before API_KEY_PEPPER was set is rehashed with it here, on its first successful use.
 * Admin routes (ADMIN_ROUTE) are left to AdminTokenGuard: an API key never opens them.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly hasher: KeyHasher,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest();
    const key = request.headers[API_KEY_HEADER];
    if (!key) throw new DomainError(ErrorCode.Unauthorized, 'Send your API key in the X-API-Key header (POST /api/v1/keys makes one)');
    if (!looksLikeApiKey(key)) throw new DomainError(ErrorCode.Unauthorized, 'Invalid API key');
    const rows: KeyRow[] = await preparedQuery(
      this.dataSource.manager,
      `SELECT k.id AS key_id, k.key_hash, k.key_hash_scheme, k.last_used_at, k.scopes, k.expires_at, k.revoked_at, a.id, a.tier, a.suspended_at
         FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.key_hash IN ($1, $2)`,
      this.hasher.candidates(key),
    );
    const row = rows.find((r) => this.hasher.matches(key, r));
    if (!row) throw new DomainError(ErrorCode.Unauthorized, 'Invalid or revoked API key');
    const unusable = unusableBecause(row, new Date());
    if (unusable) throw new DomainError(ErrorCode.Unauthorized, unusable === 'revoked' ? 'This API key has been revoked' : 'This API key has expired');
    if (this.hasher.needsUpgrade(row)) {
      const stored = this.hasher.stored(key);
      await this.dataSource.query(`UPDATE api_keys SET key_hash = $1, key_hash_scheme = $2 WHERE id = $3 AND key_hash_scheme = $4`, [
        stored.key_hash,
        stored.key_hash_scheme,
        row.key_id,
        row.key_hash_scheme,
      ]);
    }
    if (row.suspended_at) throw new DomainError(ErrorCode.AccountSuspended, 'This account is suspended: none of its keys work until an operator restores it');
    const declared = this.reflector.getAllAndOverride<KeyScope | 'none' | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    assertScope(row.scopes, requiredScope(request.method, declared));
    request.account = { id: row.id, tier: row.tier, keyId: row.key_id, scopes: row.scopes, expiresAt: row.expires_at ? new Date(row.expires_at) : null };
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
      await this.dataSource.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [row.key_id]);
    }
    return true;
  }
}
