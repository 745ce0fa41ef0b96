import { Body, Controller, Get, HttpCode, Logger, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@commontrace/contracts';
import { ApiProblems, BODY_PROBLEMS } from '../http/api-docs';
import { AccountView } from '../admin/account-view';
import { AdminRoute } from '../auth/admin-route';
import { UsageView } from '../rate-limit/usage.controller';
import { GetAccountUseCase } from '../usecases/get-account/get-account.usecase';
import { GetAccountUsageUseCase } from '../usecases/get-account-usage/get-account-usage.usecase';
import { RestoreAccountUseCase } from '../usecases/restore-account/restore-account.usecase';
import { SetAccountTierRequest, SetAccountTierUseCase } from '../usecases/set-account-tier/set-account-tier.usecase';
import { SuspendAccountRequest, SuspendAccountUseCase } from '../usecases/suspend-account/suspend-account.usecase';

/** The operator's routes (admin token, see AdminRoute): read an account, set its tier, suspend and restore it, read its usage. */
@ApiTags('admin')
@AdminRoute()
// Every admin route: no or a wrong admin token (401), no admin token configured or no such account (404).
@ApiProblems(ErrorCode.Unauthorized, ErrorCode.NotFound)
@Controller('admin/accounts')
export class AdminController {
  private readonly logger = new Logger('Admin');

  constructor(
    private readonly getAccount: GetAccountUseCase,
    private readonly setAccountTier: SetAccountTierUseCase,
    private readonly suspendAccount: SuspendAccountUseCase,
    private readonly restoreAccount: RestoreAccountUseCase,
    private readonly getAccountUsage: GetAccountUsageUseCase,
  ) {}

  @Get(':accountId')
  @ApiOperation({ summary: 'An account: tier, suspension, created, how many keys it holds (admin token)' })
  @ApiOkResponse({ type: AccountView })
  read(@Param('accountId') accountId: string): Promise<AccountView> {
    return this.getAccount.execute(accountId);
  }

  @Put(':accountId/tier')
  @ApiOperation({ summary: "Move an account to another tier: its next request is counted against the new tier's limits (admin token)" })
  @ApiOkResponse({ type: AccountView })
  @ApiProblems(...BODY_PROBLEMS)
  async tier(@Param('accountId') accountId: string, @Body() body: SetAccountTierRequest): Promise<AccountView> {
    const account = await this.setAccountTier.execute(accountId, body);
    this.logger.log(`account ${accountId} moved to tier ${account.tier}`);
    return account;
  }

  @Post(':accountId/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend an account, with a reason: every key of it answers 403 account_suspended until it is restored (admin token)' })
  @ApiOkResponse({ type: AccountView })
  @ApiProblems(...BODY_PROBLEMS)
  async suspend(@Param('accountId') accountId: string, @Body() body: SuspendAccountRequest): Promise<AccountView> {
    const account = await this.suspendAccount.execute(accountId, body);
    this.logger.log(`account ${accountId} suspended: ${body.reason}`);
    return account;
  }

  @Post(':accountId/restore')
  @HttpCode(200)
  @ApiOperation({ summary: "Lift an account's suspension: its keys work again (admin token)" })
  @ApiOkResponse({ type: AccountView })
  async restore(@Param('accountId') accountId: string): Promise<AccountView> {
    const account = await this.restoreAccount.execute(accountId);
    this.logger.log(`account ${accountId} restored`);
    return account;
  }

  @Get(':accountId/usage')
  @ApiOperation({ summary: "An account's tier, limits and this window's use, as GET /api/v1/usage shows it to the account (admin token; counts nothing)" })
  @ApiOkResponse({ type: UsageView })
  usage(@Param('accountId') accountId: string) {
    return this.getAccountUsage.execute(accountId);
  }
}
