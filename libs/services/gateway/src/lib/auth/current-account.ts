import { createParamDecorator, ExecutionContext } from '@nestjs/common';

export interface AuthenticatedAccount {
  id: string;
  tier: string;
  keyId: string;
}

/** The account behind the request's API key. */
export const CurrentAccount = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedAccount => ctx.switchToHttp().getRequest().account,
);
