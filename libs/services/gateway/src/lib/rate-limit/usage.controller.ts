import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { LIMIT_WINDOWS, RATE_LIMIT_TIERS } from '@commontrace/util-config';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS } from '../http/api-docs';
import { RateLimiter, Usage } from './rate-limiter';

class LimitStateView {
  @ApiProperty({ enum: LIMIT_WINDOWS, example: 'minute' })
  window!: string;
  @ApiProperty({ example: 300, description: 'requests allowed in the window' })
  limit!: number;
  @ApiProperty({ example: 12, description: 'requests counted in the current window' })
  used!: number;
  @ApiProperty({ example: 288 })
  remaining!: number;
  @ApiProperty({ example: 41, description: 'seconds until the window ends' })
  reset_seconds!: number;
}

class ClassUsageView {
  @ApiProperty({ type: [LimitStateView] })
  read!: LimitStateView[];
  @ApiProperty({ type: [LimitStateView] })
  write!: LimitStateView[];
  @ApiProperty({ type: [LimitStateView] })
  vote!: LimitStateView[];
}

export class UsageView {
  @ApiProperty({ enum: RATE_LIMIT_TIERS, example: 'free' })
  tier!: string;
  @ApiProperty({ type: ClassUsageView, description: 'per request class, the per-minute and daily limits and their use' })
  limits!: ClassUsageView;
}

@ApiTags('usage')
@ApiSecurity('api-key')
@Controller('usage')
export class UsageController {
  constructor(private readonly limiter: RateLimiter) {}

  @Get()
  @ApiOperation({ summary: "My tier, its limits per account (all my keys together) and this window's use; this request counts as a read" })
  @ApiSuccess(200, UsageView, 'the tier, its limits and their use')
  @ApiProblems(...AUTHENTICATED_PROBLEMS)
  usage(@CurrentAccount() account: AuthenticatedAccount): Promise<Usage> {
    return this.limiter.usage(account);
  }
}
