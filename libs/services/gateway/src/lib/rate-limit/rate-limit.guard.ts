import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import type { Request, Response } from 'express';
import { AuthenticatedAccount } from '../auth/current-account';
import { classify, rateLimitHeaders } from './limits';
import { RateLimiter } from './rate-limiter';

/**
 * After authentication (registered after ApiKeyGuard): counts the request against the account's
 * tier, puts the RateLimit-* headers on the answer, and refuses it with 429 past a limit.
 * Public routes (no account) are not counted here.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { account?: AuthenticatedAccount }>();
    if (!request.account) return true;
    const response = context.switchToHttp().getResponse<Response>();
    const decision = await this.limiter.consume(request.account, classify(request.method, request.path));
    if (!decision) return true;
    response.set(rateLimitHeaders(decision.reported));
    const refused = decision.refused;
    if (!refused) return true;
    response.setHeader('Retry-After', String(refused.reset_seconds));
    throw new DomainError(
      ErrorCode.RateLimited,
      `The ${decision.tier} tier allows ${refused.limit} ${decision.cls} requests per ${refused.window}; retry in ${refused.reset_seconds} s`,
      { details: { limit: { tier: decision.tier, class: decision.cls, window: refused.window, limit: refused.limit, reset_seconds: refused.reset_seconds } } },
    );
  }
}
