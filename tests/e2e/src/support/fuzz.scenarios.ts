import fc from 'fast-check';
import { ErrorCode } from '@commontrace/contracts';
import { Api, sampleTrace } from './api';
import { rowCounts, RowCounts, settled } from './db-state';
import { documentedRoutes, FuzzFixtures, FuzzRequest, FuzzResponse, fuzzRequests, isWriteMethod, Route, send } from './fuzz-requests';
import { Stack } from './stack';

/** Runs per mode; the seed is printed so that a failure can be replayed with FUZZ_SEED. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 600);
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);

const CODES = new Set<string>(Object.values(ErrorCode));

/** What every answer must be: never a 5xx, and every error a problem+json with a known code. */
function checkAnswer(request: FuzzRequest, res: FuzzResponse): void {
  const where = `${request.label}\n  answered ${res.status} ${res.contentType} ${JSON.stringify(res.body)?.slice(0, 500)}`;
  if (res.status >= 500) throw new Error(`5xx for ${where}`);
  if (res.status >= 400) {
    if (!res.contentType.startsWith('application/problem+json')) throw new Error(`error without problem+json for ${where}`);
    const code = (res.body as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'string' || !CODES.has(code)) throw new Error(`error without a known code for ${where}`);
  }
}

/**
 * Property-based fuzzing of every documented route, run against both deployment modes: arbitrary
 * JSON, deep nesting, control characters and odd Unicode, huge numbers, wrong types, path
 * parameters that are not UUIDs, missing or garbage API keys and Idempotency-Keys.
 */
export function fuzzScenarios(getStack: () => Stack): void {
  let routes: Route[];
  let fixtures: FuzzFixtures;
  let api: Api;

  beforeAll(async () => {
    const stack = getStack();
    routes = await documentedRoutes(stack.baseUrl);
    api = new Api(stack.baseUrl);
    const { api_key, contributor_id } = await api.register('fuzz-fixtures');
    const traces = [];
    for (let i = 0; i < 2; i++) {
      const res = await api.call('POST', '/api/v1/traces', sampleTrace());
      if (res.status !== 201) throw new Error(`fixture trace: ${res.status} ${res.text}`);
      traces.push(res.body.id as string);
    }
    // A trace of another agent, so that votes and verifications reach past the self-vote rule.
    const other = new Api(stack.baseUrl);
    await other.register('fuzz-other');
    const foreign = await other.call('POST', '/api/v1/traces', sampleTrace());
    if (foreign.status !== 201) throw new Error(`fixture trace: ${foreign.status} ${foreign.text}`);
    traces.push(foreign.body.id as string);
    // Another agent's amendment, so that it stays pending for the review route (the owner's applies at once).
    const proposer = new Api(stack.baseUrl);
    const proposerId = (await proposer.register('fuzz-proposer')).contributor_id;
    const amendment = await proposer.call('POST', `/api/v1/traces/${traces[0]}/amendments`, {
      improved_solution: 'Use the documented flag instead and restart the service.',
      explanation: 'shorter and covers the new release',
    });
    if (amendment.status !== 201) throw new Error(`fixture amendment: ${amendment.status} ${amendment.text}`);
    fixtures = { apiKey: api_key, traceIds: traces, amendmentIds: [amendment.body.id], contributorIds: [contributor_id, proposerId] };
  });

  it('fuzzes every route the OpenAPI document lists', () => {
    const listed = routes.map((r) => `${r.method} ${r.template}`);
    // The document is the source of the routes: it must list at least the API the README shows.
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /api/v1/keys',
        'POST /api/v1/traces',
        'GET /api/v1/traces/{id}',
        'GET /api/v1/contributors/{contributorId}/reputation',
        'GET /api/v1/agents/me',
        'GET /api/v1/tags',
        'GET /api/v1/wanted',
        'GET /health/ready',
      ]),
    );
  });

  it('answers the known malformed bodies on every write route with a problem+json 4xx', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const bodies: [string | Uint8Array | undefined, string | undefined][] = [
      [deep(5000), 'application/json'],
      [`{"name":"x","title":"t","metadata_json":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`, 'application/json'],
      ['{"name":"a\\u0000b","title":"a\\u0000","q":"a\\u0000","decision":"\\u0000","explanation":"\\u0000","metadata_json":{"k\\u0000":"\\u0000"}}', 'application/json'],
      ['[]', 'application/json'],
      ['[1,"x",null]', 'application/json'],
      ['"just a string"', 'application/json'],
      ['null', 'application/json'],
      ['12', 'application/json'],
      ['{"name":12,"email":[],"title":{},"tags":"x","limit":"7","decision":1,"target_id":{}}', 'application/json'],
      ['{"name":"x"}', 'text/plain'],
      ['name=x', 'application/x-www-form-urlencoded'],
      ['{"name":"x"}', 'application/json; charset=latin1'],
      ['{', 'application/json'],
    ];
    // Bodies a route with optional fields only (POST /keys) may accept: no body at all, and
    // invalid UTF-8, which the JSON parser decodes to U+FFFD.
    const acceptable: (string | Uint8Array)[] = ['', Buffer.from('{"name":"\xff\xfe"}', 'latin1')];
    const stack = getStack();
    const before = await settled(stack);
    for (const route of routes.filter((r) => isWriteMethod(r.method))) {
      const fixtureId = (name: string) => (name === 'amendmentId' ? fixtures.amendmentIds[0] : name === 'contributorId' ? fixtures.contributorIds[0] : fixtures.traceIds[0]);
      const path = route.params.reduce((p, name) => p.replace(`{${name}}`, fixtureId(name)), route.template);
      for (const [body, type] of [...bodies, ...acceptable.map((b) => [b, 'application/json'] as const)]) {
        const request: FuzzRequest = {
          method: route.method,
          path,
          headers: { 'x-api-key': fixtures.apiKey, ...(type ? { 'content-type': type } : {}) },
          body,
          label: `${route.method} ${path} ${type} ${typeof body === 'string' ? body.slice(0, 120) : '<bytes>'}`,
        };
        const res = await send(stack.baseUrl, request);
        checkAnswer(request, res);
        if (!acceptable.includes(body as string)) expect({ label: request.label, status: res.status >= 400 && res.status < 500 }).toEqual({ label: request.label, status: true });
      }
    }
    // Only the empty bodies may have written (a key, say); nothing else did.
    const after = await settled(stack);
    for (const table of Object.keys(before).filter((t) => !['accounts', 'api_keys'].includes(t))) {
      expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    }
  });

  it('never answers 5xx, answers every error as problem+json with a code, and refused requests change nothing', async () => {
    const stack = getStack();
    let counts: RowCounts = await settled(stack);
    let answered = 0;
    const statuses = new Map<number, number>();
    process.stdout.write(`fuzz (${stack.mode}): ${RUNS} runs over ${routes.length} routes, seed ${SEED} (replay: FUZZ_SEED=${SEED})\n`);
    await fc.assert(
      fc.asyncProperty(fuzzRequests(routes, fixtures), async (request) => {
        const res = await send(stack.baseUrl, request);
        answered += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        checkAnswer(request, res);
        if (res.status >= 400) {
          const after = await rowCounts(stack);
          if (JSON.stringify(after) !== JSON.stringify(counts)) {
            throw new Error(`refused request changed the database: ${request.label}\n  before ${JSON.stringify(counts)}\n  after  ${JSON.stringify(after)}`);
          }
        } else if (isWriteMethod(request.method)) {
          counts = await settled(stack);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    process.stdout.write(`fuzz (${stack.mode}): statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`);
    expect(answered).toBe(RUNS);
    // A bound on a loaded machine, not a speed target: 600 runs take under a minute here.
  }, 300_000);

  it('stays ready after the run', async () => {
    for (const url of [getStack().baseUrl, ...Object.values(getStack().serviceUrls())]) {
      const ready = await fetch(`${url}/health/ready`);
      expect({ url, status: ready.status }).toEqual({ url, status: 200 });
    }
  });
}
