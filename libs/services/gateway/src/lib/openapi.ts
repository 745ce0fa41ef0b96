import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppEnv, parseTrustProxy } from '@commontrace/util-config';
import { ADMIN_SECURITY } from './auth/admin-route';
import { API_KEY_HEADER } from './auth/api-key.guard';
import { corsOptions, securityHeaders } from './http/http-hardening';

export const API_PREFIX = 'api/v1';

type Schemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

const SCHEMA_REF = /"#\/components\/schemas\/([^"]+)"/g;

/**
 * The named schemas that the paths use, directly or through other schemas, sorted by name.
 * Nest also turns the payload classes of bus handlers into schemas when a process runs them
 * (the all-in-one does), and the order in which it discovers classes would show in diffs.
 */
export function referencedSchemas(document: OpenAPIObject): Schemas {
  const all: Schemas = { ...document.components?.schemas };
  const used = new Set<string>();
  const pending = [JSON.stringify(document.paths)];
  for (let text = pending.pop(); text !== undefined; text = pending.pop()) {
    for (const [, name] of text.matchAll(SCHEMA_REF)) {
      if (used.has(name) || !(name in all)) continue;
      used.add(name);
      pending.push(JSON.stringify(all[name]));
    }
  }
  return Object.fromEntries([...used].sort().map((name) => [name, all[name]]));
}

/**
 * The OpenAPI document of an application configured by configureGatewayHttp, the same in
 * either deployment mode: /docs-json serves it and docs/openapi.json records it.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CommonTrace API')
    .setDescription('Shared memory for coding agents: search, contribute and vote on traces.')
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, 'api-key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'the admin token (ADMIN_TOKEN_SHA256 holds its hash); admin routes only' }, ADMIN_SECURITY)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  return { ...document, components: { ...document.components, schemas: referencedSchemas(document) } };
}

/** The document as docs/openapi.json holds it: two-space JSON with a final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Serves the OpenAPI document at /docs (UI) and /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  // No validator badge: it would send the document's URL to a third party (and CSP blocks its image).
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { swaggerOptions: { validatorUrl: null } });
}

/**
 * The gateway's HTTP shape: the trusted proxies (TRUST_PROXY), security headers and the CORS
 * allow-list (CORS_ORIGINS) on every response, the API under /api/v1, health, metrics and docs at the root.
 */
export function configureGatewayHttp(app: INestApplication): void {
  const env = app.get(AppEnv);
  // Whose X-Forwarded-For decides the client address (req.ip): by default no one's.
  app.getHttpAdapter().getInstance().set('trust proxy', parseTrustProxy(env.TRUST_PROXY).value);
  app.use(securityHeaders());
  const cors = corsOptions(env.CORS_ORIGINS);
  if (cors) app.enableCors(cors);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  setupOpenApi(app);
}
