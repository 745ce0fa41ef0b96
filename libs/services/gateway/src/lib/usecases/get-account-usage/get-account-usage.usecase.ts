import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readAccount } from '../../admin/account-view';
import { RateLimiter, Usage } from '../../rate-limit/rate-limiter';

/** An operator reads an account's usage: what GET /api/v1/usage answers the account itself (reading it counts nothing). */
@Injectable()
export class GetAccountUsageUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limiter: RateLimiter,
  ) {}

  async execute(accountId: string): Promise<Usage> {
    const account = await readAccount(this.dataSource, accountId);
    return this.limiter.usage(account);
  }
}
