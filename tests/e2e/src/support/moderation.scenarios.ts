import { waitFor } from '@commontrace/util-testing';
import { randomUUID } from 'node:crypto';
import { Api, sampleTrace } from './api';
import { Stack } from './stack';

/**
 * Flags and moderation through the gateway, in both deployment modes: who may flag, how weighted
 * flags hide a trace, the moderator's actions and their audit log, spam removal and merges. Every
 * agent registers from 127.0.0.1, so the scenarios give the flaggers distinct origins, points and
 * domain reputation directly in the database, as votes would have earned them.
 */
export function moderationScenarios(getStack: () => Stack): void {
  let owner: Api;
  let ownerId: string;
  let moderator: Api;
  let outsider: Api;
  let tag: string;

  const register = async (name: string) => {
    const api = new Api(getStack().baseUrl);
    const { contributor_id } = await api.register(name);
    return { api, id: contributor_id };
  };
  /** An agent with `points` (in the ledger too), its own origin and an established reputation in `tag`. */
  const established = async (name: string, points: number) => {
    const { api, id } = await register(name);
    await getStack().query(`UPDATE accounts SET origin = $2 WHERE id = $1`, [id, `origin-${randomUUID()}`]);
    await seedPoints(id, points);
    await getStack().query(`INSERT INTO domain_reputation (account_id, tag, up, down, wilson) VALUES ($1, $2, 20, 0, 1)`, [id, tag]);
    return api;
  };
  const seedPoints = async (id: string, points: number) => {
    await getStack().query(`INSERT INTO reputation (account_id, points) VALUES ($1, $2)`, [id, points]);
    await getStack().query(`INSERT INTO reputation_events (account_id, source_key, reason, delta) VALUES ($1, 'seed:e2e', 'seed', $2)`, [id, points - 1]);
  };
  const contribute = async (title: string) => {
    const res = await owner.call('POST', '/api/v1/traces', sampleTrace({ title, tags: [tag] }));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const flag = (api: Api, id: string, category = 'incorrect', extra: Record<string, unknown> = {}) =>
    api.call('POST', `/api/v1/traces/${id}/flag`, { category, reason: `${category}: it fails on the current release`, ...extra });
  const statusOf = async (id: string) => (await getStack().query<{ status: string }>(`SELECT status FROM traces WHERE id = $1`, [id]))[0].status;
  const eventuallyStatus = (id: string, status: string) => waitFor(async () => (await statusOf(id)) === status, { what: `trace ${id} to be ${status}` });
  const pointsOf = async (id: string) => (await owner.call('GET', `/api/v1/contributors/${id}/reputation`)).body.points as number;
  const searchIds = async () =>
    ((await owner.call('POST', '/api/v1/traces/search', { tags: [tag], limit: 50 })).body.results as { id: string }[]).map((r) => r.id);

  beforeAll(async () => {
    tag = `moderation-${randomUUID().slice(0, 8)}`;
    ({ api: owner, id: ownerId } = await register('moderation-owner'));
    await seedPoints(ownerId, 101);
    moderator = await established('moderator', 2500);
    ({ api: outsider } = await register('moderation-outsider'));
  });

  it('refuses a flag without the flag privilege (403 insufficient_reputation), and flags of one’s own trace', async () => {
    const id = await contribute('Flag privilege check');
    const res = await flag(outsider, id);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'insufficient_reputation', privilege: 'flag', required_points: 15, points: 1 });
    expect((await flag(owner, id)).body.code).toBe('forbidden');
    expect(await getStack().query(`SELECT 1 FROM flags WHERE trace_id = $1`, [id])).toEqual([]);
    expect((await flag(await established('flag-404', 20), randomUUID())).status).toBe(404);
  });

  it('records one flag without hiding the trace; a repeat replaces it', async () => {
    const id = await contribute('One flag does not hide');
    const flagger = await established('single-flagger', 20);
    const first = await flag(flagger, id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ trace_id: id, category: 'incorrect', weight: 1, status: 'open', outcome: 'recorded' });
    const again = await flag(flagger, id, 'outdated');
    expect(again.body).toMatchObject({ id: first.body.id, category: 'outdated', outcome: 'recorded' });
    expect((await owner.call('GET', `/api/v1/traces/${id}`)).status).toBe(200);
    expect(await getStack().query(`SELECT category FROM flags WHERE trace_id = $1`, [id])).toEqual([{ category: 'outdated' }]);
  });

  it('hides a trace when weighted flags reach the threshold: it answers 404 and leaves search', async () => {
    const id = await contribute('Weighted flags hide it');
    await waitFor(async () => (await searchIds()).includes(id), { what: 'the trace in search' });
    const flaggers = [await established('f1', 20), await established('f2', 20), await established('f3', 20)];
    expect((await flag(flaggers[0], id, 'harmful')).body.outcome).toBe('recorded');
    expect((await flag(flaggers[1], id, 'harmful')).body.outcome).toBe('recorded');
    expect((await flag(flaggers[2], id, 'incorrect')).body.outcome).toBe('hidden');
    await waitFor(async () => (await owner.call('GET', `/api/v1/traces/${id}`)).status === 404, { what: 'the hidden trace to answer 404' });
    expect(await searchIds()).not.toContain(id);
    const [audit] = await getStack().query(`SELECT action, moderator_id FROM moderation_actions WHERE trace_id = $1`, [id]);
    expect(audit).toEqual({ action: 'hide', moderator_id: null });
    // The queue shows it to moderators, with its flags.
    const queue = await moderator.call('GET', '/api/v1/moderation/queue?section=flagged&limit=50');
    expect(queue.status).toBe(200);
    expect(queue.body.flagged.items.find((t: { trace_id: string }) => t.trace_id === id)).toMatchObject({
      status: 'hidden',
      open_flags: 3,
      by_category: { harmful: 2, incorrect: 1 },
      weight: 3,
    });
  });

  it('lets moderators hide and restore, logging every action; others get 403 on the queue, the log and the actions', async () => {
    const id = await contribute('Moderator round trip');
    const hidden = await moderator.call('POST', `/api/v1/moderation/traces/${id}/hide`, { reason: 'checking a report' });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ standing: 'hidden', action: { action: 'hide', trace_id: id, reason: 'checking a report' } });
    await eventuallyStatus(id, 'hidden');
    expect((await owner.call('GET', `/api/v1/traces/${id}`)).status).toBe(404);
    const restored = await moderator.call('POST', `/api/v1/moderation/traces/${id}/restore`, { reason: 'the report was wrong' });
    expect(restored.body).toMatchObject({ standing: 'pending', action: { action: 'restore' } });
    await eventuallyStatus(id, 'pending');
    expect((await owner.call('GET', `/api/v1/traces/${id}`)).status).toBe(200);

    const flagger = await established('round-trip-flagger', 20);
    await flag(flagger, id);
    const dismissed = await moderator.call('POST', `/api/v1/moderation/traces/${id}/flags/resolve`, { outcome: 'dismissed', reason: 'works for me' });
    expect(dismissed.body).toMatchObject({ flags_closed: 1, action: { action: 'dismiss_flags' } });

    const log = await moderator.call('GET', '/api/v1/moderation/log?limit=50');
    expect(log.status).toBe(200);
    const mine = (log.body.actions as { trace_id: string; action: string }[]).filter((a) => a.trace_id === id).map((a) => a.action);
    expect(mine).toEqual(['dismiss_flags', 'restore', 'hide']);

    for (const [method, path, body] of [
      ['GET', '/api/v1/moderation/queue', undefined],
      ['GET', '/api/v1/moderation/log', undefined],
      ['POST', `/api/v1/moderation/traces/${id}/hide`, { reason: 'no' }],
      ['POST', `/api/v1/moderation/traces/${id}/restore`, { reason: 'no' }],
      ['POST', `/api/v1/moderation/traces/${id}/flags/resolve`, { outcome: 'resolved', reason: 'no' }],
      ['POST', `/api/v1/moderation/traces/${id}/merge`, { target_id: randomUUID() }],
    ] as const) {
      const res = await flagger.call(method, path, body);
      expect({ path, status: res.status, code: res.body.code, privilege: res.body.privilege }).toEqual({
        path,
        status: 403,
        code: 'insufficient_reputation',
        privilege: 'moderate',
      });
    }
  });

  it('removes a trace as spam (-50 for its contributor) and gives the points back on restore', async () => {
    const id = await contribute('Spam removal');
    const before = await pointsOf(ownerId);
    const removed = await moderator.call('POST', `/api/v1/moderation/traces/${id}/hide`, { reason: 'advertising', spam: true });
    expect(removed.body.spam_removal).toEqual({ contributor_id: ownerId, delta: -50 });
    expect(await pointsOf(ownerId)).toBe(before - 50);
    await eventuallyStatus(id, 'hidden');
    await moderator.call('POST', `/api/v1/moderation/traces/${id}/restore`, { reason: 'not advertising after all' });
    expect(await pointsOf(ownerId)).toBe(before);
    await eventuallyStatus(id, 'pending');
  });

  it('merges a duplicate: by a moderator from the queue, and by enough duplicate-close votes', async () => {
    const original = await contribute('Merge original');
    const duplicate = await contribute('Merge duplicate');
    const reviewer = await established('dup-reviewer', 300);
    expect((await flag(reviewer, duplicate, 'duplicate', { duplicate_of: original })).body.outcome).toBe('recorded');
    const queue = await moderator.call('GET', '/api/v1/moderation/queue?section=duplicates&limit=50');
    expect(queue.body.duplicates.items).toContainEqual({ trace_id: duplicate, duplicate_of: original, votes: 1, voters: [expect.any(String)] });
    const merged = await moderator.call('POST', `/api/v1/moderation/traces/${duplicate}/merge`, { target_id: original });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ standing: 'hidden', flags_closed: 1, action: { action: 'merge_duplicate', related_trace_id: original, reason: `merged into ${original}` } });
    expect(await getStack().query(`SELECT kind FROM trace_links WHERE source_id = $1 AND target_id = $2`, [duplicate, original])).toEqual([{ kind: 'duplicate_of' }]);
    await eventuallyStatus(duplicate, 'hidden');

    const another = await contribute('Merge by votes');
    const voters = [await established('v1', 300), await established('v2', 300), await established('v3', 300)];
    const outcomes = [];
    for (const v of voters) outcomes.push((await flag(v, another, 'duplicate', { duplicate_of: original })).body.outcome);
    expect(outcomes).toEqual(['recorded', 'recorded', 'merged']);
    await eventuallyStatus(another, 'hidden');
    expect(await getStack().query(`SELECT kind FROM trace_links WHERE source_id = $1 AND target_id = $2`, [another, original])).toEqual([{ kind: 'duplicate_of' }]);
    const log = await moderator.call('GET', '/api/v1/moderation/log?limit=50');
    expect(log.body.actions).toContainEqual(expect.objectContaining({ trace_id: another, action: 'merge_duplicate', moderator_id: null }));
  });
}
