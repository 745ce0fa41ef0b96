import fc from 'fast-check';
import { sampleTrace } from './api';

/** One operation of the OpenAPI document: `POST /api/v1/traces/{id}/links`. */
export interface Route {
  method: string;
  /** The path as the document writes it, with `{name}` placeholders. */
  template: string;
  params: string[];
}

/** Every route the gateway documents at /docs-json, so that routes added later are fuzzed too. */
export async function documentedRoutes(baseUrl: string): Promise<Route[]> {
  const doc = (await (await fetch(`${baseUrl}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.keys(operations).map((method) => ({
      method: method.toUpperCase(),
      template,
      params: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
    })),
  );
}

/** What the fuzzer knows of the stack it attacks: a valid key and ids that exist. */
export interface FuzzFixtures {
  apiKey: string;
  traceIds: string[];
  amendmentIds: string[];
  contributorIds: string[];
}

/** A request as sent: the body is raw bytes or text, so that it can be anything but JSON. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** What was generated, for the failure report. */
  label: string;
}

/** Percent-encodes every byte of the UTF-8 text, so that any string is a valid path segment. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i));
const ODD = ['\u007f', '\u0085', '\u00a0', '\u2028', '\u202e', '\ufeff', '\ufffd', '\ud800', '\udfff', '\ud83d', 'e\u0301', '🙂', '𝕏', '中', '"', '\\', '%', '/', '<', "'"];
const PLAIN = ['a', 'b', ' ', '1', '-'];

function textOf(units: string[]): fc.Arbitrary<string> {
  return fc.string({ unit: fc.oneof(fc.constantFrom(...units), fc.constantFrom(...PLAIN)), minLength: 1, maxLength: 40 });
}

/**
 * Three kinds of hostile text: control characters among letters; odd Unicode (unpaired
 * surrogates, bidi marks, astral characters); any code points. A generated object or body uses
 * one kind throughout, so that a refused control character does not hide the odd Unicode.
 */
const textKinds = [textOf(C0), textOf(ODD), fc.string({ unit: 'binary', maxLength: 40 })];
const hostileText = fc.oneof(...textKinds);

/** Objects of hostile keys and values of one kind, nested a few levels (metadata, search context). */
const hostileObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  ...textKinds.map((text) =>
    fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 })), { minKeys: 1, maxKeys: 4 }),
  ),
);

/** Any value a field could be sent: arbitrary JSON, hostile text, wrong types, numbers at the edges. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
  hostileText,
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.constantFrom(null, true, false, 0, -0, -1, 2 ** 31, 2 ** 53 + 1, Number.MAX_VALUE, 1e-300, [], {}, [[]], { '': '' }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(hostileText, { maxLength: 25 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 5 }),
);

/** A body each known route accepts, so that mutations of it reach past the first check. */
function templates(f: FuzzFixtures): Record<string, fc.Arbitrary<Record<string, unknown>>> {
  return {
    'POST /api/v1/keys': fc.record({ name: fc.constant('fuzz-agent'), email: fc.constantFrom('fuzz@example.com', undefined) }),
    'POST /api/v1/keys/issue': fc.record({
      name: fc.constantFrom('fuzz-key', undefined),
      scopes: fc.constantFrom(['read'], ['read', 'write'], ['vote'], undefined),
      expires_at: fc.constantFrom('2099-01-01T00:00:00Z', undefined),
    }),
    'POST /api/v1/keys/{keyId}/rotate': fc.record({ grace_seconds: fc.constantFrom(0, 60, 86_400, undefined) }),
    'POST /api/v1/traces': fc.nat().map(() => sampleTrace({ metadata_json: { os: 'linux' } })),
    'POST /api/v1/traces/search': fc.record({
      q: fc.constantFrom('docker postgres', 'npm install -g fails', '"quoted" | !not & -g'),
      tags: fc.constantFrom(['docker'], []),
      limit: fc.integer({ min: 1, max: 50 }),
      include_full: fc.boolean(),
      context: fc.constantFrom({ language: 'typescript' }, { language: 'python', versions: { python: '3.12' }, os: 'linux' }),
      mode: fc.constantFrom('ranked', 'hybrid', 'lexical', 'vector'),
      explain: fc.boolean(),
      status: fc.constantFrom(['validated', 'pending'], ['superseded']),
      language: fc.constantFrom('typescript', 'python'),
    }),
    'POST /api/v1/traces/{id}/amendments': fc.record({
      improved_solution: fc.uuid().map((u) => `Pin the version and rebuild the lock file (${u}).`),
      explanation: fc.constant('also covers the CI image'),
    }),
    'POST /api/v1/traces/{id}/amendments/{amendmentId}/review': fc.record({ decision: fc.constantFrom('accept', 'reject') }),
    'POST /api/v1/traces/{id}/votes': fc.record({
      vote_type: fc.constantFrom('up', 'down'),
      feedback_tag: fc.constantFrom('outdated', 'wrong', 'security_concern', 'spam', 'worked'),
      feedback_text: fc.constantFrom('Worked after pinning the version.', 'The flag was removed in v5, see changelog.'),
      voter_context: fc.constant({ language: 'typescript', versions: { node: '20.11.0' }, os: 'linux' }),
    }),
    'POST /api/v1/traces/{id}/verifications': fc.record({
      outcome: fc.constantFrom('worked_as_written', 'worked_with_changes', 'did_not_work'),
      environment: fc.constant({ language: 'typescript', runtime: 'node 20', packages: { vite: '5.1.0' }, tools: { npm: '10.2' } }),
      changes: fc.constantFrom('Had to clear the cache first.', undefined),
      error_signature: fc.constantFrom('ERR_MODULE_NOT_FOUND', undefined),
    }),
    'POST /api/v1/traces/{id}/links': fc.record({
      target_id: fc.constantFrom(...f.traceIds),
      kind: fc.constantFrom('related', 'alternative_to', 'contradicts', 'duplicate_of', 'supersedes'),
    }),
    'POST /api/v1/traces/{id}/flag': fc.record({
      category: fc.constantFrom('spam', 'harmful', 'incorrect', 'duplicate', 'outdated'),
      reason: fc.constant('fails on the current release'),
      duplicate_of: fc.constantFrom(...f.traceIds),
    }),
    'POST /api/v1/moderation/traces/{id}/hide': fc.record({ reason: fc.constant('checking a report'), spam: fc.boolean() }),
    'POST /api/v1/moderation/traces/{id}/restore': fc.record({ reason: fc.constant('the report was wrong') }),
    'POST /api/v1/moderation/traces/{id}/flags/resolve': fc.record({ outcome: fc.constantFrom('resolved', 'dismissed'), reason: fc.constant('reviewed') }),
    'POST /api/v1/moderation/traces/{id}/merge': fc.record({ target_id: fc.constantFrom(...f.traceIds), reason: fc.constant('same problem') }),
  };
}

/**
 * The template, or a copy with one field replaced by anything, its text (or each of its list's
 * texts) made hostile, its object replaced by a hostile one, the field removed, or an unknown
 * field added.
 */
function mutated(template: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return template.chain((body) => {
    const keys = Object.keys(body);
    const field = keys.length ? fc.constantFrom(...keys) : fc.constant('name');
    const hostile = (k: string): fc.Arbitrary<unknown> =>
      Array.isArray(body[k]) ? fc.array(hostileText, { minLength: 1, maxLength: 5 }) : typeof body[k] === 'object' ? hostileObject : hostileText;
    const objects = keys.filter((k) => typeof body[k] === 'object' && body[k] !== null && !Array.isArray(body[k]));
    const texts = keys.filter((k) => typeof body[k] === 'string');
    return fc.oneof(
      { depthSize: 'max' },
      fc.tuple(field, anyValue).map(([k, v]) => ({ ...body, [k]: v })),
      field.chain((k) => hostile(k).map((v) => ({ ...body, [k]: v }))),
      // Everything else valid, so that the hostile part travels as far as it can.
      {
        weight: 3,
        arbitrary: fc.tuple(...objects.map(() => hostileObject)).map((vs) => ({ ...body, ...Object.fromEntries(objects.map((k, i) => [k, vs[i]])) })),
      },
      fc.oneof(...textKinds.map((text) => fc.tuple(...texts.map(() => text)))).map((vs) => ({ ...body, ...Object.fromEntries(texts.map((k, i) => [k, `${body[k]} ${vs[i]}`])) })),
      field.map((k) => Object.fromEntries(Object.entries(body).filter(([key]) => key !== k))),
      fc.tuple(hostileText, anyValue).map(([k, v]) => ({ ...body, [k]: v })),
      fc.constant(body),
    );
  });
}

function nested(levels: number, array: boolean): string {
  return array ? '['.repeat(levels) + ']'.repeat(levels) : '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

/** Raw body texts and bytes that are not what the route expects. */
function malformedBodies(template: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    fc.constantFrom('', 'null', '"text"', '42', '1e400', 'true', '[]', '[{}]', '{', '{"a":1,}', "{'a':1}", '{"a":NaN}', '\u0000'),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.tuple(fc.integer({ min: 30, max: 5000 }), fc.boolean()).map(([n, array]) => nested(n, array)),
    fc.tuple(template, fc.integer({ min: 33, max: 3000 })).map(([body, n]) => JSON.stringify({ ...body, metadata_json: '§' }).replace('"§"', nested(n, false))),
    // Numbers no double holds, as literal JSON.
    template.map((body) => JSON.stringify({ ...body, limit: '§', name: '§' }).replace(/"§"/g, '123456789012345678901234567890e999')),
    // Invalid UTF-8 inside a string value.
    template.map((body) => {
      const text = JSON.stringify({ ...body, title: '§', name: '§' });
      const [before, ...rest] = text.split('§');
      return Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(rest.join(''))]);
    }),
  );
}

const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 });

/** Requests to one route: path parameters, key, Idempotency-Key, content type and body all vary. */
function requestsTo(route: Route, f: FuzzFixtures): fc.Arbitrary<FuzzRequest> {
  const ids = (name: string) => {
    const n = name.toLowerCase();
    return n.includes('amendment') ? f.amendmentIds : n.includes('contributor') ? f.contributorIds : f.traceIds;
  };
  const param = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ids(name)) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(percentEncode) },
      { weight: 1, arbitrary: fc.constantFrom('abc', '%zz', '%00', '%2F', '%C0%AF', '..', 'null', '-1', '1e400', '0'.repeat(300), ids(name)[0].toUpperCase()) },
    );
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constant(f.apiKey) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: printable },
    { weight: 1, arbitrary: fc.stringMatching(/^ct_[A-Za-z0-9_-]{43}$/) },
  );
  const idempotencyKey = fc.option(fc.oneof(fc.uuid(), printable, fc.constant(' spaced key ')), { nil: undefined, freq: 2 });
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', 'application/json-patch+json') },
  );
  const template = templates(f)[`${route.method} ${route.template}`] ?? fc.constant({});
  const body: fc.Arbitrary<string | Uint8Array | undefined> =
    !isWriteMethod(route.method)
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 7, arbitrary: mutated(template).map((b) => JSON.stringify(b)) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 5, stringUnit: 'binary' }).map((v) => JSON.stringify(v)) },
          { weight: 2, arbitrary: malformedBodies(template) },
          { weight: 1, arbitrary: fc.constant(undefined) },
        );
  return fc
    .record({
      params: fc.tuple(...route.params.map(param)),
      key,
      idempotencyKey,
      contentType,
      body,
    })
    .map(({ params, key: apiKey, idempotencyKey: idem, contentType: type, body: payload }) => {
      let path = route.template;
      route.params.forEach((name, i) => (path = path.replace(`{${name}}`, params[i])));
      const headers: Record<string, string> = {};
      if (apiKey !== undefined) headers['x-api-key'] = apiKey;
      if (idem !== undefined) headers['idempotency-key'] = idem;
      if (type !== undefined && payload !== undefined) headers['content-type'] = type;
      const shown = typeof payload === 'string' ? payload.slice(0, 2000) : payload ? `<${payload.length} bytes>` : '<none>';
      return {
        method: route.method,
        path,
        headers,
        body: payload,
        label: `${route.method} ${path} headers=${JSON.stringify(headers)} body=${JSON.stringify(shown)}`,
      };
    });
}

export function isWriteMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/** Requests to any of the routes; writes, which have bodies, three times as often as reads. */
export function fuzzRequests(routes: Route[], fixtures: FuzzFixtures): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...routes.map((r) => ({ weight: isWriteMethod(r.method) ? 3 : 1, arbitrary: requestsTo(r, fixtures) })));
}

export interface FuzzResponse {
  status: number;
  contentType: string;
  body: unknown;
}

export async function send(baseUrl: string, request: FuzzRequest): Promise<FuzzResponse> {
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}
