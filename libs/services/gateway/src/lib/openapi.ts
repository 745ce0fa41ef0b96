import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppEnv, parseTrustProxy } from '@commontrace/util-config';
import { ADMIN_SECURITY } from './auth/admin-route';
import { API_KEY_HEADER } from './auth/api-key.guard';
import { KeyScope, requiredScope, SCOPE_EXTENSION } from './auth/scopes';
import { problemExamples } from './http/api-docs';
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

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of the document with its path and method. */
export function operations(document: Pick<OpenAPIObject, 'paths'>): { path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ path, method, operation: item[method] as Operation }] : [])),
  );
}

/**
 * Names the scope of every operation that takes an API key, in its description and in
 * `x-required-scope`: the one the route declares (RequireScope), else the one its method needs,
 * by the same rule the guard applies (`none`: any valid key).
 */
export function describeScopes(document: OpenAPIObject): void {
  for (const { method, operation } of operations(document)) {
    if (!operation.security?.some((s) => 'api-key' in s)) continue;
    const extensions = operation as Operation & { [SCOPE_EXTENSION]?: KeyScope | 'none' };
    const scope = requiredScope(method, extensions[SCOPE_EXTENSION]) ?? 'none';
    extensions[SCOPE_EXTENSION] = scope;
    const needs = scope === 'none' ? 'Needs any valid API key (X-API-Key header), whatever its scopes.' : `Needs an API key (X-API-Key header) with the \`${scope}\` scope.`;
    operation.description = operation.description ? `${operation.description}\n\n${needs}` : needs;
  }
}

type Schema = Record<string, unknown>;

/** A value of the schema built from its properties' examples (optional ones without an example are left out). */
export function exampleOf(schema: Schema | undefined, schemas: Schemas, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema['example'] !== undefined) return schema['example'];
  const ref = schema['$ref'];
  if (typeof ref === 'string') return exampleOf(schemas[ref.split('/').pop() as string] as Schema, schemas, depth + 1);
  const allOf = schema['allOf'] as Schema[] | undefined;
  if (allOf?.length) return exampleOf(allOf[0], schemas, depth + 1);
  if (schema['type'] === 'array') {
    const item = exampleOf(schema['items'] as Schema, schemas, depth + 1);
    return item === undefined ? [] : [item];
  }
  const properties = schema['properties'] as Record<string, Schema> | undefined;
  if (!properties) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    const value = exampleOf(property, schemas, depth + 1);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Gives every JSON request body and response without an example one, built from the schema's property examples. */
export function addExamples(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Schemas;
  for (const { operation } of operations(document)) {
    const bodies = [operation.requestBody, ...Object.values(operation.responses ?? {})] as { content?: Record<string, Schema> }[];
    for (const media of bodies.flatMap((b) => Object.values(b?.content ?? {}))) {
      if (media['example'] !== undefined || media['examples'] !== undefined) continue;
      const example = exampleOf(media['schema'] as Schema, schemas);
      if (example !== undefined) media['example'] = example;
    }
  }
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
  const created = SwaggerModule.createDocument(app, config);
  const document = { ...created, components: { ...created.components, schemas: referencedSchemas(created), examples: problemExamples() } };
  describeScopes(document);
  addExamples(document);
  return document;
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
