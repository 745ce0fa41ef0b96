import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { DataSource } from 'typeorm';
import { hashApiKey, looksLikeApiKey } from './api-key';
import { PUBLIC_ROUTE } from '@commontrace/util-observability';
import { assertScope, KeyScope, REQUIRED_SCOPE, requiredScope, unusableBecause } from './scopes';

export const API_KEY_HEADER = 'x-api-key';
/** last_used_at is refreshed at most this often per key, so reads do not become writes. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Every route but the public ones needs a valid key in X-API-Key: unrevoked (else 401), unexpired
 * (else 401), and holding the scope the route needs (else 403 missing_scope; see scopes.ts).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest();
    const key = request.headers[API_KEY_HEADER];
    if (!key) throw new DomainError(ErrorCode.Unauthorized, 'Send your API key in the X-API-Key header (POST /api/v1/keys makes one)');
    if (!looksLikeApiKey(key)) throw new DomainError(ErrorCode.Unauthorized, 'Invalid API key');
    const [row] = await this.dataSource.query(
      `SELECT k.id AS key_id, k.last_used_at, k.scopes, k.expires_at, k.revoked_at, a.id, a.tier
         FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.key_hash = $1`,
      [hashApiKey(key)],
    );
    if (!row) throw new DomainError(ErrorCode.Unauthorized, 'Invalid or revoked API key');
    const unusable = unusableBecause(row, new Date());
    if (unusable) throw new DomainError(ErrorCode.Unauthorized, unusable === 'revoked' ? 'This API key has been revoked' : 'This API key has expired');
    const declared = this.reflector.getAllAndOverride<KeyScope | 'none' | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    assertScope(row.scopes, requiredScope(request.method, declared));
    request.account = { id: row.id, tier: row.tier, keyId: row.key_id, scopes: row.scopes, expiresAt: row.expires_at ? new Date(row.expires_at) : null };
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
      await this.dataSource.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [row.key_id]);
    }
    return true;
  }
}
