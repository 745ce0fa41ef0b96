import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { AppEnv } from '@commontrace/util-config';
import type { Request } from 'express';
import { adminTokenMatches, bearerToken } from './admin-token';

/**
 * Opens the admin routes to the holder of the admin token, sent as `Authorization: Bearer <token>`
 * and checked against ADMIN_TOKEN_SHA256 in constant time. Without ADMIN_TOKEN_SHA256 the admin
 * API does not exist: 404, as for any unknown route. A missing or wrong token (an API key
 * included) answers 401.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly env: AppEnv) {}

  canActivate(context: ExecutionContext): boolean {
    const configured = this.env.ADMIN_TOKEN_SHA256;
    if (!configured) throw new DomainError(ErrorCode.NotFound, 'Not found');
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new DomainError(ErrorCode.Unauthorized, 'Send the admin token as Authorization: Bearer <token>');
    if (!adminTokenMatches(token, configured)) throw new DomainError(ErrorCode.Unauthorized, 'Invalid admin token');
    return true;
  }
}
