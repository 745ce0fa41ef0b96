import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedAccount } from '../../auth/current-account';
import { KEY_VIEW_COLUMNS, KeyRow, KeyView, toKeyView } from '../../auth/key-view';

/** At most this many keys are listed (newest first); an account holds at most MAX_ACTIVE_KEYS usable ones. */
export const LIST_LIMIT = 100;

export interface ListApiKeysReply {
  keys: KeyView[];
}

/** The caller's account's keys, revoked and expired ones included, newest first. */
@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(account: Pick<AuthenticatedAccount, 'id' | 'keyId'>): Promise<ListApiKeysReply> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT ${KEY_VIEW_COLUMNS} FROM api_keys WHERE account_id = $1 ORDER BY created_at DESC, id LIMIT ${LIST_LIMIT}`,
      [account.id],
    );
    return { keys: rows.map((r) => toKeyView(r, account.keyId)) };
  }
}
