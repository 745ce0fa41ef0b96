import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { KeyScope } from './scopes';

export interface AuthenticatedAccount {
  id: string;
  tier: string;
  keyId: string;
  /** The scopes of the key that authenticated the request. */
  scopes: KeyScope[];
  /** When that key expires; null: never. */
  expiresAt: Date | null;
}

/** The account behind the request's API key. */
export const CurrentAccount = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedAccount => ctx.switchToHttp().getRequest().account,
);
