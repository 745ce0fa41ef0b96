import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RATE_LIMIT_TIERS, RateLimitTier } from '@commontrace/util-config';
import { DataSource } from 'typeorm';
import { AccountView, changeAccount } from '../../admin/account-view';

export class SetAccountTierRequest {
  @ApiProperty({ enum: RATE_LIMIT_TIERS, example: 'pro', description: 'one of the tiers RATE_LIMITS configures' })
  @IsIn(RATE_LIMIT_TIERS)
  tier!: RateLimitTier;
}

/**
 * An operator moves an account to another tier. The API key guard reads the tier on every
 * request, so the new limits apply from the account's next request, on every gateway replica.
 */
@Injectable()
export class SetAccountTierUseCase {
  constructor(private readonly dataSource: DataSource) {}

  execute(accountId: string, request: SetAccountTierRequest): Promise<AccountView> {
    return changeAccount(this.dataSource, accountId, `UPDATE accounts SET tier = $2`, [request.tier]);
  }
}
