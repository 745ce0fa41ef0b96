import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { DataSource } from 'typeorm';
import { hashApiKey, looksLikeApiKey } from './api-key';
import { PUBLIC_ROUTE } from '@commontrace/util-observability';

export const API_KEY_HEADER = 'x-api-key';
/** last_used_at is refreshed at most this often per key, so reads do not become writes. */
const TOUCH_INTERVAL_MS = 60_000;

/** Every route but the public ones needs a valid, unrevoked key in X-API-Key. */
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
      `SELECT k.id AS key_id, k.last_used_at, a.id, a.tier FROM api_keys k JOIN accounts a ON a.id = k.account_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hashApiKey(key)],
    );
    if (!row) throw new DomainError(ErrorCode.Unauthorized, 'Invalid or revoked API key');
    request.account = { id: row.id, tier: row.tier, keyId: row.key_id };
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
      await this.dataSource.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [row.key_id]);
    }
    return true;
  }
}
