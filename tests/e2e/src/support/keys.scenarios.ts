import { Api, sampleTrace } from './api';
import { Stack } from './stack';

/**
 * The key lifecycle through the gateway, in both modes: an account lists its keys (never a hash),
 * issues scoped and expiring keys, rotates (the old key works through its grace period) and
 * revokes them; GET /keys/verify answers for the caller; the guard refuses a missing scope with
 * 403 missing_scope and a revoked or expired key with 401; another account's key is out of reach.
 */
export function keysScenarios(getStack: () => Stack): void {
  let owner: Api;
  let ownerId: string;
  let trace: string;
  /** An Api that calls with `key`. */
  const as = (key: string) => new Api(getStack().baseUrl, key);
  const issue = async (body: Record<string, unknown>) => {
    const res = await owner.call('POST', '/api/v1/keys/issue', body);
    if (res.status !== 201) throw new Error(`issue: ${res.status} ${res.text}`);
    return res.body as { api_key: string; id: string; scopes: string[]; expires_at: string | null };
  };
  const problem = (res: { status: number; body: any }) => ({ status: res.status, code: res.body?.code, scope: res.body?.scope });

  beforeAll(async () => {
    owner = new Api(getStack().baseUrl);
    ({ contributor_id: ownerId } = await owner.register('keys-owner'));
    const other = new Api(getStack().baseUrl);
    await other.register('keys-trace-author');
    const res = await other.call('POST', '/api/v1/traces', sampleTrace());
    if (res.status !== 201) throw new Error(`trace: ${res.status} ${res.text}`);
    trace = res.body.id;
  });

  it('verifies the caller and lists its keys: prefix, name, scopes, dates, never the key or its hash', async () => {
    const verified = await owner.call('GET', '/api/v1/keys/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ valid: true, user_id: ownerId, contributor_id: ownerId, tier: 'free', key_id: expect.any(String), scopes: ['read', 'write', 'vote'], expires_at: null });
    const listed = await owner.call('GET', '/api/v1/keys');
    expect(listed.status).toBe(200);
    expect(listed.body.keys).toEqual([
      {
        id: verified.body.key_id,
        prefix: (owner.apiKey as string).slice(0, 9),
        name: 'default',
        scopes: ['read', 'write', 'vote'],
        created_at: expect.any(String),
        last_used_at: expect.any(String),
        expires_at: null,
        revoked_at: null,
        current: true,
      },
    ]);
    const [{ key_hash }] = await getStack().query<{ key_hash: string }>(`SELECT key_hash FROM api_keys WHERE id = $1`, [verified.body.key_id]);
    expect(listed.text).not.toContain(key_hash);
    expect(listed.text).not.toContain(owner.apiKey as string);
  });

  it('enforces scopes: a read key reads and searches but cannot write, flag or vote (403 missing_scope naming the scope)', async () => {
    const reader = as((await issue({ name: 'reader', scopes: ['read'] })).api_key);
    expect((await reader.call('GET', `/api/v1/traces/${trace}`)).status).toBe(200);
    expect((await reader.call('POST', '/api/v1/traces/search', { q: 'docker postgres' })).status).toBe(200);
    expect((await reader.call('GET', '/api/v1/keys/verify')).body.scopes).toEqual(['read']);
    expect(problem(await reader.call('POST', '/api/v1/traces', sampleTrace()))).toEqual({ status: 403, code: 'missing_scope', scope: 'write' });
    expect(problem(await reader.call('POST', `/api/v1/traces/${trace}/flag`, { category: 'spam', reason: 'looks like an advert' }))).toEqual({
      status: 403,
      code: 'missing_scope',
      scope: 'write',
    });
    expect(problem(await reader.call('POST', `/api/v1/traces/${trace}/votes`, { vote_type: 'up', feedback_text: 'Worked after pinning the version.' }))).toEqual({
      status: 403,
      code: 'missing_scope',
      scope: 'vote',
    });
    expect(problem(await reader.call('POST', '/api/v1/keys/issue', { scopes: ['read'] }))).toEqual({ status: 403, code: 'missing_scope', scope: 'write' });
  });

  it('lets a vote key vote but not read, and never lets a key grant a scope it lacks', async () => {
    const voter = as((await issue({ scopes: ['vote'] })).api_key);
    const voted = await voter.call('POST', `/api/v1/traces/${trace}/votes`, { vote_type: 'up', feedback_text: 'Worked after pinning the version.' });
    expect(voted.status).toBe(201);
    expect(problem(await voter.call('GET', `/api/v1/traces/${trace}`))).toEqual({ status: 403, code: 'missing_scope', scope: 'read' });
    const writer = as((await issue({ scopes: ['read', 'write'] })).api_key);
    expect(problem(await writer.call('POST', '/api/v1/keys/issue', { scopes: ['vote'] }))).toEqual({ status: 403, code: 'missing_scope', scope: 'vote' });
    const narrower = await writer.call('POST', '/api/v1/keys/issue', {});
    expect({ status: narrower.status, scopes: narrower.body.scopes }).toEqual({ status: 201, scopes: ['read', 'write'] });
  });

  it('answers 401 for an expired key, and refuses an expiry in the past', async () => {
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const key = await issue({ expires_at: expires });
    const expiring = as(key.api_key);
    expect((await expiring.call('GET', '/api/v1/keys/verify')).body.expires_at).toBe(expires);
    await getStack().query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [key.id]);
    const refused = await expiring.call('GET', '/api/v1/keys/verify');
    expect({ status: refused.status, code: refused.body.code, message: refused.body.detail }).toEqual({
      status: 401,
      code: 'unauthorized',
      message: expect.stringContaining('expired'),
    });
    const past = await owner.call('POST', '/api/v1/keys/issue', { expires_at: new Date(Date.now() - 60_000).toISOString() });
    expect({ status: past.status, code: past.body.code }).toEqual({ status: 400, code: 'validation_failed' });
  });

  it("revokes a key of the account (401 from then on), and another account can neither revoke nor rotate it", async () => {
    const key = await issue({ name: 'to-revoke' });
    const doomed = as(key.api_key);
    const stranger = new Api(getStack().baseUrl);
    await stranger.register('keys-stranger');
    for (const action of ['revoke', 'rotate']) {
      expect(problem(await stranger.call('POST', `/api/v1/keys/${key.id}/${action}`, {}))).toEqual({ status: 404, code: 'not_found', scope: undefined });
    }
    expect((await doomed.call('GET', '/api/v1/keys/verify')).status).toBe(200);
    expect((await stranger.call('GET', '/api/v1/keys')).body.keys.map((k: any) => k.id)).not.toContain(key.id);

    const revoked = await owner.call('POST', `/api/v1/keys/${key.id}/revoke`);
    expect({ status: revoked.status, id: revoked.body.id, revoked: typeof revoked.body.revoked_at }).toEqual({ status: 200, id: key.id, revoked: 'string' });
    const refused = await doomed.call('GET', '/api/v1/keys/verify');
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 401, code: 'unauthorized' });
    expect((await owner.call('GET', '/api/v1/keys')).body.keys.find((k: any) => k.id === key.id).revoked_at).toBe(revoked.body.revoked_at);
    // The stranger's own key and the owner's are untouched.
    expect((await stranger.call('GET', '/api/v1/keys/verify')).status).toBe(200);
    expect((await owner.call('GET', '/api/v1/keys/verify')).status).toBe(200);
    expect(problem(await owner.call('POST', '/api/v1/keys/not-a-key/revoke'))).toEqual({ status: 404, code: 'not_found', scope: undefined });
  });

  it('rotates a key: the new one works at once, the old one through its grace period (grace 0: not at all)', async () => {
    const old = await issue({ name: 'rotating', scopes: ['read', 'write'] });
    const rotated = await owner.call('POST', `/api/v1/keys/${old.id}/rotate`, {});
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).toMatchObject({ name: 'rotating', scopes: ['read', 'write'] });
    expect(new Date(rotated.body.replaced.expires_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect((await as(old.api_key).call('GET', '/api/v1/keys/verify')).status).toBe(200);
    const next = as(rotated.body.key.api_key);
    expect((await next.call('GET', '/api/v1/keys/verify')).body).toMatchObject({ key_id: rotated.body.key.id, scopes: ['read', 'write'] });

    const again = await owner.call('POST', `/api/v1/keys/${rotated.body.key.id}/rotate`, { grace_seconds: 0 });
    expect(again.status).toBe(201);
    expect((await next.call('GET', '/api/v1/keys/verify')).status).toBe(401);
    expect((await as(again.body.key.api_key).call('GET', '/api/v1/keys/verify')).status).toBe(200);
  });

  it('still registers a new account with POST /api/v1/keys, without a key and whatever key is sent', async () => {
    const plain = await new Api(getStack().baseUrl).call('POST', '/api/v1/keys', { name: 'plain' });
    expect(plain.status).toBe(201);
    expect(Object.keys(plain.body).sort()).toEqual(['api_key', 'contributor_id', 'created_at', 'key_id', 'prefix', 'tier', 'user_id']);
    const withKey = await owner.call('POST', '/api/v1/keys', { name: 'again' });
    expect(withKey.status).toBe(201);
    expect(withKey.body.contributor_id).not.toBe(ownerId);
  });
}
