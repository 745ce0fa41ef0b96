import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, any>;

/** docs/openapi.json, which /docs-json serves (http-hardening.e2e.spec.ts checks that they are the same). */
const document: Json = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi.json'), 'utf8'));

function resolve(schema: Json | undefined): Json | undefined {
  if (!schema) return undefined;
  if (schema['$ref']) return resolve(document['components']['schemas'][String(schema['$ref']).split('/').pop() as string]);
  if (schema['allOf']) return resolve(schema['allOf'][0]);
  return schema;
}

/** The fields of a value that its schema does not describe (free-form objects describe any). */
function undescribed(value: unknown, schema: Json | undefined, at: string): string[] {
  const s = resolve(schema);
  if (!s || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => undescribed(item, s['items'], `${at}[${i}]`));
  if (!s['properties']) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key in s['properties'] ? undescribed(inner, s['properties'][key], `${at}.${key}`) : [`${at}.${key}`],
  );
}

/**
 * The fields of an answer that the OpenAPI document does not describe for that route and status
 * (an empty list when the document is true to the answer), so a model that misses a field fails.
 */
export function undocumentedFields(method: string, path: string, status: number, body: unknown): string[] {
  const response = document['paths'][path]?.[method.toLowerCase()]?.['responses']?.[String(status)];
  if (!response) return [`no ${status} response documented for ${method} ${path}`];
  return undescribed(body, response['content']?.['application/json']?.['schema'], '$');
}

const TEMPLATES = Object.keys(document['paths']).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^/}]+\}/g, '[^/]+')}$`),
}));

/** The documented path template an actual path falls under (`/api/v1/traces/{id}` for `/api/v1/traces/6f1c…`). */
export function pathTemplate(path: string): string | undefined {
  const bare = path.split('?')[0];
  const exact = TEMPLATES.find((t) => t.template === bare);
  return (exact ?? TEMPLATES.find((t) => t.pattern.test(bare)))?.template;
}
