import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import type { Request, Response } from 'express';
import { registrationOrigin } from '../auth/origin';
import { rateLimitHeaders } from './limits';
import { RateLimiter } from './rate-limiter';

/**
 * On POST /api/v1/keys (registration, a public route): counts the request against the client
 * network's registration limits (REGISTRATION_LIMITS) in the counters the tier limits use, so
 * that every gateway replica counts together; puts the RateLimit-* headers on the answer and
 * refuses with 429 past a limit. The client address is Express's `req.ip`: the peer's, unless
 * TRUST_PROXY names the proxies whose X-Forwarded-For is believed.
 */
@Injectable()
export class RegistrationLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const decision = await this.limiter.consumeRegistration(registrationOrigin(request.ip));
    if (!decision) return true;
    response.set(rateLimitHeaders(decision.reported));
    const refused = decision.refused;
    if (!refused) return true;
    response.setHeader('Retry-After', String(refused.reset_seconds));
    throw new DomainError(
      ErrorCode.RateLimited,
      `Registration is limited to ${refused.limit} new accounts per ${refused.window} from one network; retry in ${refused.reset_seconds} s`,
      { details: { limit: { class: 'registration', per: 'network', window: refused.window, limit: refused.limit, reset_seconds: refused.reset_seconds } } },
    );
  }
}
