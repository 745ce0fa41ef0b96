import { waitFor } from '@commontrace/util-testing';
import { Api, sampleTrace } from './api';
import { Stack } from './stack';

/**
 * Reputation views, privileges and the tags list, through the gateway in both modes. Votes come
 * from another part of the work: points are seeded where the reputation service keeps them (a
 * ledger row and the points it sums to), as a vote would leave them.
 */
export function reputationScenarios(getStack: () => Stack): void {
  const agent = async (name: string) => {
    const api = new Api(getStack().baseUrl);
    const { contributor_id } = await api.register(name);
    return { api, id: contributor_id };
  };
  const seedPoints = (id: string, points: number) =>
    getStack().query(
      `WITH e AS (INSERT INTO reputation_events (account_id, source_key, reason, delta) VALUES ($1, 'seed:e2e', 'seed', $2::int - 1)
                  ON CONFLICT (account_id, source_key) DO UPDATE SET delta = EXCLUDED.delta)
       INSERT INTO reputation (account_id, points) VALUES ($1, $2) ON CONFLICT (account_id) DO UPDATE SET points = EXCLUDED.points`,
      [id, points],
    );
  const pointsOf = async (api: Api) => (await api.call('GET', '/api/v1/agents/me')).body.points as number;

  describe('GET /contributors/{id}/reputation', () => {
    it('answers in the CommonTrace v1 shape plus points, privileges, thresholds and traces contributed', async () => {
      const { api, id } = await agent('reputation-contributor');
      await seedPoints(id, 120);
      await getStack().query(
        `INSERT INTO domain_reputation (account_id, tag, up, down, wilson) VALUES ($1, 'python', 8, 0, 0.676), ($1, 'docker', 1, 1, 0.095)`,
        [id],
      );
      expect((await api.call('POST', '/api/v1/traces', sampleTrace())).status).toBe(201);

      const res = await api.call('GET', `/api/v1/contributors/${id}/reputation`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user_id: id,
        overall_wilson_score: expect.any(Number),
        domains: [
          { domain_tag: 'python', wilson_score: 0.676, upvote_count: 8, downvote_count: 0 },
          { domain_tag: 'docker', wilson_score: 0.095, upvote_count: 1, downvote_count: 1 },
        ],
        domains_total: 2,
        contributor_id: id,
        points: 120,
        privileges: ['flag', 'link'],
        thresholds: { flag: 15, link: 100, review: 250, edit: 1000, moderate: 2500 },
        traces_contributed: 1,
      });
      expect(res.body.overall_wilson_score).toBeCloseTo(0.596, 3);
    });

    it('answers 404 for an unknown contributor and 400 for an id that is not one', async () => {
      const { api } = await agent('reputation-reader');
      const unknown = await api.call('GET', '/api/v1/contributors/00000000-0000-4000-8000-000000000000/reputation');
      expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'not_found' });
      const bad = await api.call('GET', '/api/v1/contributors/not-an-id/reputation');
      expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    });
  });

  describe('GET /agents/me', () => {
    it('shows my account, points, privileges and what the next privilege needs', async () => {
      const { api, id } = await agent('me-newcomer');
      const fresh = await api.call('GET', '/api/v1/agents/me');
      expect(fresh.status).toBe(200);
      expect(fresh.body).toEqual({
        id,
        name: 'me-newcomer',
        tier: 'free',
        created_at: expect.any(String),
        points: 1,
        privileges: [],
        thresholds: { flag: 15, link: 100, review: 250, edit: 1000, moderate: 2500 },
        next_privilege: { privilege: 'flag', required_points: 15, points_needed: 14 },
        traces_contributed: 0,
      });

      await seedPoints(id, 300);
      expect((await api.call('GET', '/api/v1/agents/me')).body).toMatchObject({
        points: 300,
        privileges: ['flag', 'link', 'review'],
        next_privilege: { privilege: 'edit', required_points: 1000, points_needed: 700 },
      });
    });

    it('needs an API key', async () => {
      const res = await new Api(getStack().baseUrl).call('GET', '/api/v1/agents/me');
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'unauthorized' });
    });
  });

  describe('privileges', () => {
    it('refuses a review without the privilege with 403 insufficient_reputation, naming the privilege, the points needed and mine', async () => {
      const { api: owner } = await agent('priv-owner');
      const { api: author } = await agent('priv-author');
      const { api: stranger } = await agent('priv-stranger');
      const traceId = (await owner.call('POST', '/api/v1/traces', sampleTrace({ title: 'Trace whose amendment a stranger tries to accept' }))).body.id;
      const amendment = await author.call('POST', `/api/v1/traces/${traceId}/amendments`, { improved_solution: 'A clearer fix.', explanation: 'shorter' });
      expect(amendment.body.status).toBe('pending');

      const denied = await stranger.call('POST', `/api/v1/traces/${traceId}/amendments/${amendment.body.id}/review`, { decision: 'accept' });
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ code: 'insufficient_reputation', privilege: 'review', required_points: 250, points: 1 });
      expect((await owner.call('GET', `/api/v1/traces/${traceId}`)).body.version).toBe(1);
    });

    it('edit (1000): an amendment by an agent with the edit privilege, or by the owner, applies at once', async () => {
      const { api: owner, id: ownerId } = await agent('edit-owner');
      const { api: editor, id: editorId } = await agent('edit-editor');
      const { api: author, id: authorId } = await agent('edit-author');
      await seedPoints(editorId, 1000);
      await seedPoints(authorId, 999);
      const traceId = (await owner.call('POST', '/api/v1/traces', sampleTrace({ title: 'Trace edited directly' }))).body.id;

      const pending = await author.call('POST', `/api/v1/traces/${traceId}/amendments`, { improved_solution: 'Almost privileged.', explanation: 'one point short' });
      expect(pending.body).toMatchObject({ status: 'pending' });

      const edited = await editor.call('POST', `/api/v1/traces/${traceId}/amendments`, { improved_solution: 'Edited directly.', explanation: 'privileged' });
      expect(edited.status).toBe(201);
      expect(edited.body).toMatchObject({ status: 'accepted', reviewed_by: editorId, trace_version: 2 });
      expect((await owner.call('GET', `/api/v1/traces/${traceId}`)).body).toMatchObject({ version: 2, solution_text: 'Edited directly.' });

      const own = await owner.call('POST', `/api/v1/traces/${traceId}/amendments`, { improved_solution: 'The owner edits it again.', explanation: 'mine' });
      expect(own.body).toMatchObject({ status: 'accepted', reviewed_by: ownerId, trace_version: 3 });
      const versions = await owner.call('GET', `/api/v1/traces/${traceId}/versions`);
      expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
      const events = await getStack().query(`SELECT 1 FROM outbox WHERE subject = 'ct.v1.evt.trace.amended' AND payload->'data'->>'trace_id' = $1`, [traceId]);
      expect(events).toHaveLength(2);
    });
  });

  describe('amendment accepted: +5', () => {
    it("credits the author of an accepted amendment of another agent's trace, once; the owner's own amendments earn nothing", async () => {
      const { api: owner } = await agent('credit-owner');
      const { api: author } = await agent('credit-author');
      const traceId = (await owner.call('POST', '/api/v1/traces', sampleTrace({ title: 'Trace improved by another agent' }))).body.id;
      const proposed = await author.call('POST', `/api/v1/traces/${traceId}/amendments`, { improved_solution: 'Covers Windows too.', explanation: 'tested there' });
      expect(await pointsOf(author)).toBe(1);

      const accepted = await owner.call('POST', `/api/v1/traces/${traceId}/amendments/${proposed.body.id}/review`, { decision: 'accept' });
      expect(accepted.status).toBe(200);
      await waitFor(async () => (await pointsOf(author)) === 6, { what: "the author's amendment credit" });
      expect(await getStack().query(`SELECT source_key, delta FROM reputation_events WHERE source_key LIKE 'amendment:%' AND trace_id = $1`, [traceId])).toEqual([
        { source_key: `amendment:${proposed.body.id}`, delta: 5 },
      ]);

      // The owner's own edit is processed (and would have been credited by now if it counted) but earns nothing.
      const own = await owner.call('POST', `/api/v1/traces/${traceId}/amendments`, { improved_solution: 'Owner polish.', explanation: 'mine' });
      expect(own.body.status).toBe('accepted');
      const [{ id: ownEventId }] = await getStack().query<{ id: string }>(
        `SELECT id FROM outbox WHERE subject = 'ct.v1.evt.trace.amended' AND payload->'data'->>'amendment_id' = $1`,
        [own.body.id],
      );
      await waitFor(
        async () => (await getStack().query(`SELECT 1 FROM processed_events WHERE consumer = 'reputation.credit-amendment' AND event_id = $1`, [ownEventId])).length === 1,
        { what: "the owner's amendment to be consumed" },
      );
      expect(await pointsOf(owner)).toBe(1);
      expect(await pointsOf(author)).toBe(6);
    });
  });

  describe('GET /tags', () => {
    it('lists tags with their counts over served traces, the most used first; prefix and limit narrow it', async () => {
      const { api } = await agent('tags-agent');
      const stamp = `t${Date.now().toString(36)}`;
      const a = `${stamp}-alpha`;
      const b = `${stamp}-beta`;
      await api.call('POST', '/api/v1/traces', sampleTrace({ tags: [a, b] }));
      await api.call('POST', '/api/v1/traces', sampleTrace({ tags: [a] }));
      const hidden = (await api.call('POST', '/api/v1/traces', sampleTrace({ tags: [a, b] }))).body.id;
      await getStack().query(`UPDATE traces SET status = 'hidden' WHERE id = $1`, [hidden]);

      const res = await api.call('GET', `/api/v1/tags?prefix=${stamp.toUpperCase()}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        tags: [a, b],
        counts: [
          { tag: a, count: 2 },
          { tag: b, count: 1 },
        ],
        total: 2,
      });
      expect((await api.call('GET', `/api/v1/tags?prefix=${stamp}&limit=1`)).body).toEqual({ tags: [a], counts: [{ tag: a, count: 2 }], total: 2 });

      const all = await api.call('GET', '/api/v1/tags');
      expect(all.body.tags).toEqual(expect.arrayContaining([a, b]));
      expect(all.body.counts.length).toBeLessThanOrEqual(100);

      for (const query of ['limit=0', 'limit=501', 'limit=ten', 'limit=1e3', 'prefix=', 'prefix=a%20b', 'prefix=%00', 'prefix=%E2%80%AE', 'prefix=x&prefix=y']) {
        const bad = await api.call('GET', `/api/v1/tags?${query}`);
        expect({ query, status: bad.status, code: bad.body.code }).toEqual({ query, status: 400, code: 'validation_failed' });
      }
    });
  });
}
