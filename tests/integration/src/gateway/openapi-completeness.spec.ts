import { ErrorCode, HTTP_STATUS_BY_CODE } from '@commontrace/contracts';
import { renderOpenApiDocument } from '../../../../tools/openapi/openapi-document';

// The document must describe the API, not only list its routes: this fails when a route or a
// model loses its schema, its examples or its error responses (issue 20), so the contract can't
// silently go empty again.
type Json = Record<string, any>;

const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

let document: Json;
let schemas: Record<string, Json>;
const apiOperations: { name: string; operation: Json }[] = [];

beforeAll(async () => {
  document = JSON.parse(await renderOpenApiDocument());
  schemas = document['components']?.['schemas'] ?? {};
  for (const [path, item] of Object.entries<Json>(document['paths'])) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, operation] of Object.entries<Json>(item)) apiOperations.push({ name: `${method.toUpperCase()} ${path}`, operation });
  }
});

const refName = (schema: Json | undefined): string | undefined => schema?.['$ref']?.split('/').pop();
const authenticated = (operation: Json) => (operation['security'] ?? []).some((s: Json) => 'api-key' in s);
const codesOf = (response: Json): string[] =>
  response?.['content']?.['application/problem+json']?.['schema']?.['allOf']?.[1]?.['properties']?.['code']?.['enum'] ?? [];
const codesAnswered = (operation: Json): string[] =>
  Object.entries<Json>(operation['responses']).flatMap(([status, response]) => (Number(status) >= 400 ? codesOf(response) : []));

/** Every problem of a schema and the schemas it refers to: no properties, or a property without an example. */
function schemaProblems(name: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const schema = schemas[name];
  if (!schema) return [`${name}: not in components.schemas`];
  const properties = Object.entries<Json>(schema['properties'] ?? {});
  if (properties.length === 0) return [`${name}: no properties`];
  return properties.flatMap(([property, definition]) => {
    const inner = refName(definition) ?? refName(definition['items']) ?? refName(definition['allOf']?.[0]);
    if (inner) return schemaProblems(inner, seen);
    return definition['example'] === undefined ? [`${name}.${property}: no example`] : [];
  });
}

describe('the OpenAPI document describes every route of /api/v1', () => {
  it('has the routes (a sanity check for the checks below)', () => {
    expect(apiOperations.length).toBeGreaterThanOrEqual(30);
  });

  it('gives every operation a success response with a schema of documented properties and an example', () => {
    const problems = apiOperations.flatMap(({ name, operation }) => {
      const [status, success] = Object.entries<Json>(operation['responses']).find(([s]) => s.startsWith('2')) ?? [];
      const media = success?.['content']?.['application/json'];
      if (!status || !media) return [`${name}: no JSON success response`];
      const model = refName(media['schema']);
      return [
        ...(media['example'] === undefined ? [`${name}: success response has no example`] : []),
        ...(model ? schemaProblems(model).map((p) => `${name}: ${p}`) : [`${name}: success response has no named schema`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('gives every request body a schema of documented properties and an example', () => {
    const problems = apiOperations.flatMap(({ name, operation }) => {
      const media = operation['requestBody']?.['content']?.['application/json'];
      if (!media) return [];
      const model = refName(media['schema']);
      return [
        ...(media['example'] === undefined ? [`${name}: request body has no example`] : []),
        ...(model ? schemaProblems(model).map((p) => `${name}: ${p}`) : [`${name}: request body has no named schema`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('documents the errors every authenticated route can answer, and the scope it needs', () => {
    const problems = apiOperations
      .filter(({ operation }) => authenticated(operation))
      .flatMap(({ name, operation }) => {
        const scope = operation['x-required-scope'];
        const expected = [ErrorCode.Unauthorized, ErrorCode.RateLimited, ...(scope === 'none' ? [] : [ErrorCode.MissingScope])];
        const missing = expected.filter((code) => !codesAnswered(operation).includes(code));
        return [
          ...missing.map((code) => `${name}: no ${code}`),
          ...(['read', 'write', 'vote', 'none'].includes(scope) ? [] : [`${name}: no x-required-scope`]),
          ...(String(operation['description'] ?? '').includes('X-API-Key') ? [] : [`${name}: the description does not say which key it needs`]),
        ];
      });
    expect(problems).toEqual([]);
  });

  it('documents the body errors of every route that takes a body', () => {
    const bodyCodes = [ErrorCode.MalformedBody, ErrorCode.ValidationFailed, ErrorCode.PayloadTooLarge, ErrorCode.UnsupportedMediaType];
    const problems = apiOperations
      .filter(({ operation }) => operation['requestBody'])
      .flatMap(({ name, operation }) => bodyCodes.filter((code) => !codesAnswered(operation).includes(code)).map((code) => `${name}: no ${code}`));
    expect(problems).toEqual([]);
  });

  it('answers every error as problem+json whose code belongs to its status, with an example per code', () => {
    expect(schemaProblems('ProblemDetails')).toEqual([]);
    expect(schemas['ProblemDetails']['properties']['code']['enum']).toEqual(Object.values(ErrorCode));
    const problems = apiOperations.flatMap(({ name, operation }) =>
      Object.entries<Json>(operation['responses'])
        .filter(([status]) => Number(status) >= 400)
        .flatMap(([status, response]) => {
          const media = response['content']?.['application/problem+json'];
          if (refName(media?.['schema']?.['allOf']?.[0]) !== 'ProblemDetails') return [`${name} ${status}: not a problem+json ProblemDetails`];
          const codes = codesOf(response);
          return [
            ...(codes.length ? [] : [`${name} ${status}: no code listed`]),
            ...codes.filter((code) => HTTP_STATUS_BY_CODE[code as ErrorCode] !== Number(status)).map((code) => `${name} ${status}: ${code} is not a ${status}`),
            ...codes
              .filter((code) => document['components']['examples']?.[refName(media['examples']?.[code]) ?? '']?.['value']?.['code'] !== code)
              .map((code) => `${name} ${status}: no example of ${code}`),
          ];
        }),
    );
    expect(problems).toEqual([]);
  });

  it('documents Retry-After and the RateLimit-* headers on 429, Retry-After on 503 and 504, and RateLimit-* on counted successes', () => {
    const problems = apiOperations.flatMap(({ name, operation }) => {
      const responses: Json = operation['responses'];
      const headersOf = (status: string) => Object.keys(responses[status]?.['headers'] ?? {});
      const out: string[] = [];
      if (responses['429'] && !['Retry-After', ...RATE_LIMIT_HEADERS].every((h) => headersOf('429').includes(h))) out.push(`${name}: 429 headers`);
      for (const status of ['503', '504']) if (responses[status] && !headersOf(status).includes('Retry-After')) out.push(`${name}: ${status} without Retry-After`);
      const success = Object.keys(responses).find((s) => s.startsWith('2')) as string;
      if (authenticated(operation) && !RATE_LIMIT_HEADERS.every((h) => headersOf(success).includes(h))) out.push(`${name}: success without RateLimit-*`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('holds the CommonTrace v1 fields in the schemas of the v1 routes', () => {
    const properties = (name: string) => Object.keys(schemas[name]?.['properties'] ?? {});
    const body = (path: string, method = 'post') => refName(document['paths'][path][method]['requestBody']['content']['application/json']['schema']) as string;
    const reply = (path: string, method: string, status: string) =>
      refName(document['paths'][path][method]['responses'][status]['content']['application/json']['schema']) as string;
    const scheme = document['components']['securitySchemes']['api-key'];
    expect({ ...scheme, name: scheme.name.toLowerCase() }).toEqual({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(properties(reply('/api/v1/keys', 'post', '201'))).toEqual(expect.arrayContaining(['api_key', 'user_id']));
    expect(properties(reply('/api/v1/traces', 'post', '201'))).toEqual(expect.arrayContaining(['id', 'status']));
    expect(properties(body('/api/v1/traces/search'))).toEqual(expect.arrayContaining(['q', 'tags', 'limit', 'context']));
    expect(properties(reply('/api/v1/traces/search', 'post', '200'))).toEqual(expect.arrayContaining(['results', 'total', 'query']));
    expect(properties(body('/api/v1/traces/{id}/votes'))).toEqual(expect.arrayContaining(['vote_type', 'feedback_tag', 'feedback_text', 'voter_context']));
    expect(properties(reply('/api/v1/traces/{id}/votes', 'post', '201'))).toEqual(
      expect.arrayContaining(['id', 'trace_id', 'voter_id', 'vote_type', 'feedback_tag', 'feedback_text', 'created_at']),
    );
    expect(properties(reply('/api/v1/contributors/{contributorId}/reputation', 'get', '200'))).toEqual(
      expect.arrayContaining(['user_id', 'overall_wilson_score', 'domains']),
    );
    expect(properties(reply('/api/v1/tags', 'get', '200'))).toEqual(expect.arrayContaining(['tags']));
  });
});
