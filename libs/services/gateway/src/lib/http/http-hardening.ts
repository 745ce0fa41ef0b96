import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import helmet from 'helmet';

/** Response headers a browser client may read cross-origin, beyond the CORS-safelisted ones. */
export const EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

/**
 * Security headers on every response (helmet's defaults). The content security policy keeps
 * helmet's defaults, which the Swagger UI at /docs fits (its scripts are files served from
 * /docs, its inline styles are allowed by style-src), minus upgrade-insecure-requests: a
 * self-hosted gateway is often reached over plain HTTP, where that directive would make the
 * browser fetch the UI's files over HTTPS and fail.
 */
export function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
}

/**
 * CORS for the configured origins only; none configured means no CORS at all (browsers then
 * refuse cross-origin calls). Requests authenticate by header, never by cookie, so no credentials.
 */
export function corsOptions(origins: readonly string[]): CorsOptions | undefined {
  if (origins.length === 0) return undefined;
  const allowed = new Set(origins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  };
}
