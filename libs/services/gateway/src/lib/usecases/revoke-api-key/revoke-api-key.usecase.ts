import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedAccount } from '../../auth/current-account';
import { assertKeyId, KEY_VIEW_COLUMNS, KeyRow, KeyView, keyNotFound, toKeyView } from '../../auth/key-view';

/**
 * Revokes one of the caller's account's keys at once (the calling key included). The ownership
 * check is on the key whose state changes: another account's key answers 404 and stays as it is.
 * Revoking a revoked key answers it unchanged.
 */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(account: Pick<AuthenticatedAccount, 'id' | 'keyId'>, keyId: string): Promise<KeyView> {
    assertKeyId(keyId);
    const [rows] = await this.dataSource.query(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND account_id = $2 RETURNING ${KEY_VIEW_COLUMNS}`,
      [keyId, account.id],
    );
    const row = (rows as KeyRow[])[0];
    if (!row) throw keyNotFound();
    return toKeyView(row, account.keyId);
  }
}
