import { Body, Controller, Get, HttpCode, Ip, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@commontrace/contracts';
import { Public } from '@commontrace/util-observability';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';
import { registrationOrigin } from '../auth/origin';
import { RequireScope } from '../auth/scopes';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS, BODY_PROBLEMS, IDEMPOTENCY_PROBLEMS } from '../http/api-docs';
import { IssuedKeyView, KeyCheckView, KeyListView, KeyViewModel, RegisteredKeyView, RotatedKeyView } from '../http/models/key.models';
import { RegistrationLimitGuard } from '../rate-limit/registration-limit.guard';
import { CreateApiKeyRequest, CreateApiKeyUseCase } from '../usecases/create-api-key/create-api-key.usecase';
import { IssueApiKeyRequest, IssueApiKeyUseCase } from '../usecases/issue-api-key/issue-api-key.usecase';
import { ListApiKeysUseCase } from '../usecases/list-api-keys/list-api-keys.usecase';
import { RevokeApiKeyUseCase } from '../usecases/revoke-api-key/revoke-api-key.usecase';
import { RotateApiKeyRequest, RotateApiKeyUseCase } from '../usecases/rotate-api-key/rotate-api-key.usecase';

/** Registration (public) and the caller's account's keys: list, issue, rotate, revoke, verify. */
@ApiTags('keys')
@Controller('keys')
export class KeysController {
  constructor(
    private readonly createApiKey: CreateApiKeyUseCase,
    private readonly listApiKeys: ListApiKeysUseCase,
    private readonly issueApiKey: IssueApiKeyUseCase,
    private readonly rotateApiKey: RotateApiKeyUseCase,
    private readonly revokeApiKey: RevokeApiKeyUseCase,
  ) {}

  @Public()
  @UseGuards(RegistrationLimitGuard)
  @Post()
  @ApiOperation({ summary: 'Register an agent: creates an account and returns its API key once (no key needed)' })
  @ApiResponse({ status: 201, type: RegisteredKeyView, description: 'the new account and its key (CommonTrace v1: api_key, user_id)' })
  @ApiProblems(...BODY_PROBLEMS, ErrorCode.RateLimited, ErrorCode.ServiceUnavailable)
  create(@Body() body: CreateApiKeyRequest, @Ip() address: string) {
    return this.createApiKey.execute(body, registrationOrigin(address));
  }

  @Get()
  @ApiSecurity('api-key')
  @ApiOperation({ summary: "Your account's keys, newest first: prefix, name, scopes, created, last used, expires, revoked (never the key or its hash); needs read" })
  @ApiSuccess(200, KeyListView, "the account's keys")
  @ApiProblems(...AUTHENTICATED_PROBLEMS)
  list(@CurrentAccount() account: AuthenticatedAccount) {
    return this.listApiKeys.execute(account);
  }

  @Get('verify')
  @RequireScope('none')
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Which account and key this is: account id, tier, key id, scopes, expiry (any valid key)' })
  @ApiSuccess(200, KeyCheckView, 'the key is valid: whose it is (CommonTrace v1: valid, user_id)')
  @ApiProblems(ErrorCode.Unauthorized, ErrorCode.RateLimited, ErrorCode.ServiceUnavailable)
  verify(@CurrentAccount() account: AuthenticatedAccount) {
    return {
      valid: true,
      user_id: account.id,
      contributor_id: account.id,
      tier: account.tier,
      key_id: account.keyId,
      scopes: account.scopes,
      expires_at: account.expiresAt ? account.expiresAt.toISOString() : null,
    };
  }

  @Post('issue')
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'Issue another key for your account, returned once: scopes (read, write, vote; default those of your key, never more) and an optional expiry; needs write',
  })
  @ApiSuccess(201, IssuedKeyView, 'the new key, shown once')
  @ApiProblems(...AUTHENTICATED_PROBLEMS, ...BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS, ErrorCode.Conflict)
  issue(@Body() body: IssueApiKeyRequest, @CurrentAccount() account: AuthenticatedAccount) {
    return this.issueApiKey.execute(account, body);
  }

  @Post(':keyId/rotate')
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'Replace one of your keys: the new key is returned once, the old one keeps working for grace_seconds (default one day, at most seven); needs write',
  })
  @ApiSuccess(201, RotatedKeyView, 'the new key, shown once, and the old one with its grace period')
  @ApiProblems(...AUTHENTICATED_PROBLEMS, ...BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS, ErrorCode.NotFound, ErrorCode.Conflict)
  rotate(@Param('keyId') keyId: string, @Body() body: RotateApiKeyRequest, @CurrentAccount() account: AuthenticatedAccount) {
    return this.rotateApiKey.execute(account, keyId, body);
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Revoke one of your keys at once (another account\'s key answers 404 and is untouched); needs write' })
  @ApiSuccess(200, KeyViewModel, 'the revoked key')
  @ApiProblems(...AUTHENTICATED_PROBLEMS, ...BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS, ErrorCode.NotFound)
  revoke(@Param('keyId') keyId: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.revokeApiKey.execute(account, keyId);
  }
}
