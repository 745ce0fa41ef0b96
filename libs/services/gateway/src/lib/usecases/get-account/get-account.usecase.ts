import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountView, readAccount } from '../../admin/account-view';

/** An operator reads an account: tier, suspension, creation, how many keys it holds. */
@Injectable()
export class GetAccountUseCase {
  constructor(private readonly dataSource: DataSource) {}

  execute(accountId: string): Promise<AccountView> {
    return readAccount(this.dataSource, accountId);
  }
}
