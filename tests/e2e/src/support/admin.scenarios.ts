import { Api } from './api';
import { E2E_ADMIN_TOKEN, Stack } from './stack';

/**
 * The operator's API through the gateway, in both modes: only the admin token (Authorization:
 * Bearer) opens /api/v1/admin/…, never an API key; an operator reads an account, moves it to
 * another tier (its next request is counted against the new limits), suspends it (every key
 * answers 403 account_suspended) and restores it, and reads its usage as the account sees it.
 */
export function adminScenarios(getStack: () => Stack): void {
  const admin = (method: string, path: string, body?: unknown, token = E2E_ADMIN_TOKEN) =>
    new Api(getStack().baseUrl).call(method, `/api/v1/admin/accounts${path}`, body, { authorization: `Bearer ${token}` });
  const problem = (res: { status: number; body: any }) => ({ status: res.status, code: res.body?.code });
  let agent: Api;
  let agentId: string;

  beforeAll(async () => {
    agent = new Api(getStack().baseUrl);
    ({ contributor_id: agentId } = await agent.register('admin-subject'));
  });

  it('refuses a missing or wrong admin token and any API key with 401, and the admin token is no API key', async () => {
    const anonymous = await new Api(getStack().baseUrl).call('GET', `/api/v1/admin/accounts/${agentId}`);
    expect(problem(anonymous)).toEqual({ status: 401, code: 'unauthorized' });
    expect(problem(await admin('GET', `/${agentId}`, undefined, 'ctadm_' + 'x'.repeat(43)))).toEqual({ status: 401, code: 'unauthorized' });
    // An API key in its own header, or as the bearer token, opens nothing here.
    expect(problem(await agent.call('GET', `/api/v1/admin/accounts/${agentId}`))).toEqual({ status: 401, code: 'unauthorized' });
    expect(problem(await admin('GET', `/${agentId}`, undefined, agent.apiKey))).toEqual({ status: 401, code: 'unauthorized' });
    expect(problem(await admin('PUT', `/${agentId}/tier`, { tier: 'team' }, agent.apiKey))).toEqual({ status: 401, code: 'unauthorized' });
    // The admin token sent as an API key is refused too.
    expect(problem(await new Api(getStack().baseUrl, E2E_ADMIN_TOKEN).call('GET', '/api/v1/keys/verify'))).toEqual({ status: 401, code: 'unauthorized' });
    expect((await agent.call('GET', '/api/v1/keys/verify')).body.tier).toBe('free');
  });

  it('reads an account, without RateLimit headers (admin routes are not counted), and answers 404 for an unknown one', async () => {
    const read = await admin('GET', `/${agentId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      id: agentId,
      name: 'admin-subject',
      tier: 'free',
      suspended: false,
      suspended_at: null,
      suspended_reason: null,
      created_at: expect.any(String),
      key_count: 1,
      usable_key_count: 1,
    });
    expect(read.headers.get('ratelimit-limit')).toBeNull();
    for (const path of ['/00000000-0000-4000-8000-000000000000', '/not-an-id', '/00000000-0000-4000-8000-000000000000/usage']) {
      expect(problem(await admin('GET', path))).toEqual({ status: 404, code: 'not_found' });
    }
    expect(problem(await admin('POST', '/00000000-0000-4000-8000-000000000000/suspend', { reason: 'x' }))).toEqual({ status: 404, code: 'not_found' });
  });

  it("sets the tier: the account's next request counts against the new limits, and /usage says so; an unknown tier is a 400", async () => {
    const before = await agent.call('GET', '/api/v1/usage');
    expect(before.body.limits.read[0]).toMatchObject({ window: 'minute', limit: 1e9 });
    const moved = await admin('PUT', `/${agentId}/tier`, { tier: 'pro' });
    expect({ status: moved.status, tier: moved.body.tier }).toEqual({ status: 200, tier: 'pro' });
    const after = await agent.call('GET', '/api/v1/usage');
    expect(after.body.tier).toBe('pro');
    expect(after.body.limits.read[0]).toMatchObject({ window: 'minute', limit: 2e9 });
    expect(after.headers.get('ratelimit-limit')).toBe(String(2e9));
    expect((await agent.call('GET', '/api/v1/keys/verify')).body.tier).toBe('pro');
    const invalid = await admin('PUT', `/${agentId}/tier`, { tier: 'gold' });
    expect(problem(invalid)).toEqual({ status: 400, code: 'validation_failed' });
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(['tier']);
    expect((await admin('GET', `/${agentId}`)).body.tier).toBe('pro');
  });

  it("reads the account's usage as GET /api/v1/usage shows it to the account, counting nothing", async () => {
    const own = await agent.call('GET', '/api/v1/usage');
    const seen = await admin('GET', `/${agentId}/usage`);
    expect(seen.status).toBe(200);
    expect(seen.headers.get('ratelimit-limit')).toBeNull();
    const shape = (u: any) => ({ tier: u.tier, limits: Object.fromEntries(Object.entries(u.limits).map(([cls, states]: [string, any]) => [cls, states.map((s: any) => [s.window, s.limit, s.used])])) });
    expect(shape(seen.body)).toEqual(shape(own.body));
    expect(shape((await admin('GET', `/${agentId}/usage`)).body)).toEqual(shape(own.body));
  });

  it('suspends an account: every key of it answers 403 account_suspended; restore makes them work again', async () => {
    const second = await agent.call('POST', '/api/v1/keys/issue', { name: 'second', scopes: ['read'] });
    expect(second.status).toBe(201);
    const keys = [agent, new Api(getStack().baseUrl, second.body.api_key)];
    const suspended = await admin('POST', `/${agentId}/suspend`, { reason: 'spam run' });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ suspended: true, suspended_reason: 'spam run', suspended_at: expect.any(String), key_count: 2 });
    for (const key of keys) {
      const refused = await key.call('GET', '/api/v1/keys/verify');
      expect(problem(refused)).toEqual({ status: 403, code: 'account_suspended' });
      expect(problem(await key.call('GET', '/api/v1/usage'))).toEqual({ status: 403, code: 'account_suspended' });
    }
    expect(problem(await agent.call('POST', '/api/v1/keys/issue', {}))).toEqual({ status: 403, code: 'account_suspended' });
    expect((await admin('GET', `/${agentId}`)).body).toMatchObject({ suspended: true, suspended_reason: 'spam run' });
    expect(problem(await admin('POST', `/${agentId}/suspend`, {}))).toEqual({ status: 400, code: 'validation_failed' });

    const restored = await admin('POST', `/${agentId}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ suspended: false, suspended_at: null, suspended_reason: null });
    for (const key of keys) expect((await key.call('GET', '/api/v1/keys/verify')).status).toBe(200);
  });
}
