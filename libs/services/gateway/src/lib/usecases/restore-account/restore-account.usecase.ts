import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountView, changeAccount } from '../../admin/account-view';

/** An operator lifts a suspension: the account's keys work again (those not revoked or expired). Restoring an active account changes nothing. */
@Injectable()
export class RestoreAccountUseCase {
  constructor(private readonly dataSource: DataSource) {}

  execute(accountId: string): Promise<AccountView> {
    return changeAccount(this.dataSource, accountId, `UPDATE accounts SET suspended_at = NULL, suspended_reason = NULL`, []);
  }
}
