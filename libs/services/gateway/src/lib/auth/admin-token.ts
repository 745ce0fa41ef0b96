import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Marks the admin routes: ApiKeyGuard leaves them to AdminTokenGuard (see admin-route.ts). */
export const ADMIN_ROUTE = 'commontrace:admin-route';

/** An admin token starts so, unlike an API key (`ct_`), so that neither is taken for the other. */
export const ADMIN_TOKEN_PREFIX = 'ctadm_';

/** A new admin token: `ctadm_` and 43 URL-safe characters (256 random bits). */
export function generateAdminToken(): string {
  return ADMIN_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** What ADMIN_TOKEN_SHA256 holds for a token: its SHA-256, in hex. */
export function hashAdminToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

/** Whether `token` hashes to `configuredHash` (hex), compared in constant time. */
export function adminTokenMatches(token: string, configuredHash: string): boolean {
  const expected = Buffer.from(configuredHash, 'hex');
  const actual = createHash('sha256').update(token, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
