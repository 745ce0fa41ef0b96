import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@commontrace/contracts';

/** What a key may do: read (GET routes, search), write (traces, amendments, links, flags, keys), vote (votes, verifications). */
export const KEY_SCOPES = ['read', 'write', 'vote'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const REQUIRED_SCOPE = 'commontrace:required-scope';

/** Where the OpenAPI document records a route's declared scope (openapi.ts completes it from the method). */
export const SCOPE_EXTENSION = 'x-required-scope';

/**
 * The scope a route needs when its HTTP method does not say it (GET needs `read`, other methods
 * `write`): `vote` for votes and verifications, `read` for a search sent as POST, `none` for a
 * route any valid key may call (GET /keys/verify).
 */
export const RequireScope = (scope: KeyScope | 'none') => applyDecorators(SetMetadata(REQUIRED_SCOPE, scope), ApiExtension(SCOPE_EXTENSION, scope));

/** The scope a request needs: what the route declares, else by its method. */
export function requiredScope(method: string, declared: KeyScope | 'none' | undefined): KeyScope | null {
  if (declared === 'none') return null;
  if (declared) return declared;
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'write';
}

/** Refuses, with 403 missing_scope naming the scope, a key that lacks one the request needs. */
export function assertScope(held: readonly string[], needed: KeyScope | null): void {
  if (needed && !held.includes(needed)) {
    throw new DomainError(ErrorCode.MissingScope, `This API key lacks the '${needed}' scope`, { details: { scope: needed } });
  }
}

/** Why a stored key no longer authenticates, or null when it does. */
export function unusableBecause(key: { revoked_at: Date | string | null; expires_at: Date | string | null }, now: Date): 'revoked' | 'expired' | null {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at && new Date(key.expires_at).getTime() <= now.getTime()) return 'expired';
  return null;
}
