import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccountView, changeAccount } from '../../admin/account-view';

export class SuspendAccountRequest {
  @ApiProperty({ example: 'Registered hundreds of agents to vote its own traces up', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

/**
 * An operator suspends an account: from its next request every key of it answers 403
 * account_suspended (its keys, traces and votes stay as they are). Suspending a suspended
 * account keeps when it was suspended and records the new reason.
 */
@Injectable()
export class SuspendAccountUseCase {
  constructor(private readonly dataSource: DataSource) {}

  execute(accountId: string, request: SuspendAccountRequest): Promise<AccountView> {
    return changeAccount(this.dataSource, accountId, `UPDATE accounts SET suspended_at = coalesce(suspended_at, now()), suspended_reason = $2`, [
      request.reason,
    ]);
  }
}
