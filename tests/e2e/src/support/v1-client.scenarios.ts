import { waitFor } from '@commontrace/util-testing';
import { undocumentedFields } from './documented';
import { Stack } from './stack';

/**
 * A CommonTrace v1 client, end to end: it sends what the v1 MCP server and its agents sent
 * (`X-API-Key`, the v1 request bodies, v1-only fields included) and reads only the v1 field
 * names of the answers. It registers, checks its key, contributes, searches with
 * q/tags/limit/context, votes with vote_type/feedback_tag/feedback_text, reads the
 * contributor's reputation and lists the tags. Every answer it reads must also be described by
 * the OpenAPI document, field for field.
 */
export function v1ClientScenarios(getStack: () => Stack): void {
  /** A v1 client's HTTP call: JSON bodies, the key in X-API-Key, nothing of this API's own. */
  const v1 = async (method: string, path: string, key?: string, body?: unknown) => {
    const response = await fetch(`${getStack().baseUrl}/api/v1${path}`, {
      method,
      headers: { ...(key ? { 'X-API-Key': key } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const register = async (display_name: string) => {
    const res = await v1('POST', '/keys', undefined, { display_name, email: `${display_name}@example.com` });
    expect(res.status).toBe(201);
    expect(undocumentedFields('POST', '/api/v1/keys', res.status, res.body)).toEqual([]);
    return res.body as { api_key: string; user_id: string };
  };

  const tag = `v1-compat-${Date.now().toString(36)}`;
  const trace = {
    title: 'Uvicorn reload loop when the project folder holds a virtualenv',
    context_text: 'uvicorn main:app --reload restarts over and over: the watcher sees writes inside .venv/lib/python3.12/site-packages.',
    solution_text: 'Exclude the virtualenv from the watcher: uvicorn main:app --reload --reload-exclude ".venv/*", or keep the venv outside the project.',
    tags: [tag, 'python', 'uvicorn'],
    agent_model: 'v1-agent-model',
    // Fields v1 clients may send that this API does not have: ignored, not refused.
    review_after: '2027-06-01T00:00:00Z',
    watch_condition: 'uvicorn changes its reload watcher',
  };
  let contributor: { api_key: string; user_id: string };
  let voter: { api_key: string; user_id: string };
  let traceId: string;

  beforeAll(async () => {
    contributor = await register('v1-contributor');
    voter = await register('v1-voter');
  });

  it('registers with display_name and email: api_key and user_id, and GET /keys/verify answers valid and user_id', async () => {
    expect(contributor.api_key).toEqual(expect.any(String));
    expect(contributor.user_id).toMatch(/^[0-9a-f-]{36}$/);
    const [account] = await getStack().query<{ name: string; email: string }>(`SELECT name, email FROM accounts WHERE id = $1`, [contributor.user_id]);
    expect(account).toEqual({ name: 'v1-contributor', email: 'v1-contributor@example.com' });
    const verified = await v1('GET', '/keys/verify', contributor.api_key);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ valid: true, user_id: contributor.user_id });
    expect(undocumentedFields('GET', '/api/v1/keys/verify', verified.status, verified.body)).toEqual([]);
    expect((await v1('GET', '/keys/verify', 'ct_not-a-key')).status).toBe(401);
  });

  it('contributes a trace: the answer holds id and status, and GET /traces/{id} the v1 fields', async () => {
    const created = await v1('POST', '/traces', contributor.api_key, trace);
    expect(created.status).toBeGreaterThanOrEqual(200);
    expect(created.status).toBeLessThan(300);
    expect(created.body).toMatchObject({ id: expect.any(String), status: 'pending' });
    traceId = created.body.id;
    expect(undocumentedFields('POST', '/api/v1/traces', created.status, created.body)).toEqual([]);
    const read = await v1('GET', `/traces/${traceId}`, contributor.api_key);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: traceId,
      title: trace.title,
      context_text: trace.context_text,
      solution_text: trace.solution_text,
      tags: trace.tags,
      status: 'pending',
      contributor_id: contributor.user_id,
    });
    expect(undocumentedFields('GET', '/api/v1/traces/{id}', read.status, read.body)).toEqual([]);
  });

  it('searches with the v1 body (q, tags, limit, context) and reads results, total and query', async () => {
    const body = { q: 'uvicorn reload keeps restarting because of the virtualenv', tags: [tag], limit: 5, context: { language: 'python', os: 'linux' } };
    const found = await waitFor(
      async () => {
        const res = await v1('POST', '/traces/search', voter.api_key, body);
        return res.status === 200 && res.body.results.some((r: { id: string }) => r.id === traceId) && res;
      },
      { what: 'the v1 search to find the trace' },
    );
    expect(found.body).toMatchObject({ total: found.body.results.length, query: body.q });
    expect(found.body.results[0]).toMatchObject({ id: traceId, title: trace.title, tags: trace.tags, status: 'pending' });
    expect(undocumentedFields('POST', '/api/v1/traces/search', found.status, found.body)).toEqual([]);
    // The v1 MCP server sends q: null for a search by tags alone.
    const byTags = await v1('POST', '/traces/search', voter.api_key, { q: null, tags: [tag], limit: 10 });
    expect(byTags.status).toBe(200);
    expect(byTags.body).toMatchObject({ query: null, total: 1, results: [{ id: traceId }] });
  });

  it('votes with vote_type, feedback_tag and feedback_text: the answer holds the v1 vote fields', async () => {
    const feedback = { vote_type: 'up', feedback_tag: 'worked', feedback_text: 'The reload-exclude flag stopped the loop at once.', voter_context: { language: 'python', os: 'linux' } };
    const voted = await v1('POST', `/traces/${traceId}/votes`, voter.api_key, feedback);
    expect(voted.status).toBe(201);
    expect(voted.body).toMatchObject({
      id: expect.any(String),
      trace_id: traceId,
      voter_id: voter.user_id,
      vote_type: 'up',
      feedback_tag: 'worked',
      feedback_text: feedback.feedback_text,
      created_at: expect.any(String),
    });
    expect(undocumentedFields('POST', '/api/v1/traces/{id}/votes', voted.status, voted.body)).toEqual([]);
    // v1's rule stands: a down vote needs one of its feedback tags.
    const untagged = await v1('POST', `/traces/${traceId}/votes`, voter.api_key, { vote_type: 'down', feedback_text: 'This did not help me at all here.' });
    expect(untagged.status).toBe(400);
    expect(untagged.body.errors.map((e: { field: string }) => e.field)).toContain('feedback_tag');
  });

  it("reads the contributor's reputation with user_id, overall_wilson_score and domains", async () => {
    const reputation = await waitFor(
      async () => {
        const res = await v1('GET', `/contributors/${contributor.user_id}/reputation`, voter.api_key);
        return res.status === 200 && res.body.domains.some((d: { domain_tag: string }) => d.domain_tag === tag) && res;
      },
      { what: "the vote to reach the contributor's domains" },
    );
    expect(reputation.body).toMatchObject({ user_id: contributor.user_id, overall_wilson_score: expect.any(Number) });
    expect(undocumentedFields('GET', '/api/v1/contributors/{contributorId}/reputation', reputation.status, reputation.body)).toEqual([]);
    expect(reputation.body.domains.find((d: { domain_tag: string }) => d.domain_tag === tag)).toEqual({
      domain_tag: tag,
      wilson_score: expect.any(Number),
      upvote_count: expect.any(Number),
      downvote_count: 0,
    });
  });

  it('lists the tags as names under tags', async () => {
    const all = await v1('GET', '/tags', voter.api_key);
    expect(all.status).toBe(200);
    expect(all.body.tags.length).toBeGreaterThan(0);
    expect(all.body.tags.every((t: unknown) => typeof t === 'string')).toBe(true);
    expect(undocumentedFields('GET', '/api/v1/tags', all.status, all.body)).toEqual([]);
    const ours = await v1('GET', `/tags?prefix=${tag}`, voter.api_key);
    expect(ours.body.tags).toEqual([tag]);
  });
}
