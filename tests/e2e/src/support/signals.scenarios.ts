import { randomUUID } from 'node:crypto';
import { waitFor } from '@commontrace/util-testing';
import { Api, sampleTrace } from './api';
import { Stack } from './stack';

const FEEDBACK = 'Worked for me after the upgrade, thanks.';
const ENV = { language: 'typescript', runtime: 'node 20.11', packages: { vite: '5.1.0' }, os: 'linux' };

/**
 * Votes, verifications and trust through the gateway, in both modes: the rules, changes of mind,
 * self-verification, the trust summary after each step, gaming by rings and bursts of fresh
 * accounts (every e2e registration comes from 127.0.0.1: one origin), and 50 concurrent signals.
 */
export function signalsScenarios(getStack: () => Stack): void {
  let owner: Api;
  let ownerId: string;

  /** A registered agent; `established` seeds what a track record would give it: an old account, its own network, points and domain reputation. */
  const agent = async (name: string, established?: string[]): Promise<Api & { id: string }> => {
    const api = new Api(getStack().baseUrl);
    const { contributor_id } = await api.register(name);
    if (established) {
      const stack = getStack();
      await stack.query(`UPDATE accounts SET origin = $2, created_at = now() - interval '60 days' WHERE id = $1`, [contributor_id, `net-${randomUUID()}`]);
      await stack.query(`INSERT INTO reputation (account_id, points) VALUES ($1, 500) ON CONFLICT (account_id) DO UPDATE SET points = 500`, [contributor_id]);
      for (const tag of established) {
        await stack.query(`INSERT INTO domain_reputation (account_id, tag, up, down, wilson) VALUES ($1, $2, 40, 0, 1)`, [contributor_id, tag]);
      }
    }
    return Object.assign(api, { id: contributor_id });
  };
  const contribute = async (api: Api, tags: string[], extra: Record<string, unknown> = {}) => {
    const res = await api.call('POST', '/api/v1/traces', sampleTrace({ tags, ...extra }));
    if (res.status !== 201) throw new Error(`contribute: ${res.status} ${res.text}`);
    return res.body.id as string;
  };
  const vote = (api: Api, trace: string, vote_type: 'up' | 'down', extra: Record<string, unknown> = {}) =>
    api.call('POST', `/api/v1/traces/${trace}/votes`, { vote_type, feedback_text: FEEDBACK, ...(vote_type === 'down' ? { feedback_tag: 'wrong' } : {}), ...extra });
  const verify = (api: Api, trace: string, outcome: string, extra: Record<string, unknown> = {}) =>
    api.call('POST', `/api/v1/traces/${trace}/verifications`, { outcome, environment: ENV, ...extra });
  const trustOf = async (trace: string) => (await owner.call('GET', `/api/v1/traces/${trace}`)).body.trust;
  const pointsOf = async (id: string) => (await owner.call('GET', `/api/v1/contributors/${id}/reputation`)).body.points;

  beforeAll(async () => {
    owner = new Api(getStack().baseUrl);
    ({ contributor_id: ownerId } = await owner.register('signals-owner'));
  });

  it('refuses self-votes, down votes without a tag, short feedback, secrets, unknown traces', async () => {
    const trace = await contribute(owner, ['signals']);
    const voter = await agent('rules-voter');
    const self = await vote(owner, trace, 'up');
    expect({ status: self.status, code: self.body.code }).toEqual({ status: 403, code: 'forbidden' });
    const untagged = await voter.call('POST', `/api/v1/traces/${trace}/votes`, { vote_type: 'down', feedback_text: FEEDBACK });
    expect({ status: untagged.status, code: untagged.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    const short = await vote(voter, trace, 'up', { feedback_text: 'ok' });
    expect({ status: short.status, code: short.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    const token = 'ghp_' + 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc9';
    const secret = await vote(voter, trace, 'up', { feedback_text: `worked with GITHUB_TOKEN=${token}` });
    expect({ status: secret.status, code: secret.body.code }).toEqual({ status: 422, code: 'secret_detected' });
    expect(secret.text).not.toContain(token);
    const missing = await vote(voter, randomUUID(), 'up');
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'not_found' });
    const badTag = await vote(voter, trace, 'down', { feedback_tag: 'meh' });
    expect(badTag.status).toBe(400);
    const noChanges = await verify(voter, trace, 'worked_with_changes');
    expect({ status: noChanges.status, code: noChanges.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    const badEnv = await verify(voter, trace, 'worked_as_written', { environment: { gpu: 'yes' } });
    expect(badEnv.status).toBe(400);
    expect(await getStack().query(`SELECT 1 FROM votes WHERE trace_id = $1 UNION ALL SELECT 1 FROM verifications WHERE trace_id = $1`, [trace])).toHaveLength(0);
    expect(await trustOf(trace)).toMatchObject({ label: 'unverified', score: null, not_enough_evidence: true, evidence: 0 });
  });

  it('a vote changed many times leaves exactly the counts and points of its last state', async () => {
    const contributor = await agent('flip-owner');
    const trace = await contribute(contributor, ['flip']);
    const elsewhere = await contribute(owner, ['flip']);
    const voter = await agent('flip-voter', ['flip']);
    expect((await vote(voter, elsewhere, 'up')).status).toBe(201);
    for (let i = 0; i < 12; i++) {
      const res = await vote(voter, trace, i % 2 ? 'down' : 'up', i % 2 ? { feedback_tag: 'outdated' } : { feedback_tag: 'worked' });
      expect(res.status).toBe(201);
      expect(res.body.trust).toMatchObject(i % 2 ? { up: 0, down: 1 } : { up: 1, down: 0 });
    }
    const last = await vote(voter, trace, 'up');
    expect(last.body.trust).toMatchObject({ up: 1, down: 0, weighted_up: 1, evidence: 1, independent_agents: 1, not_enough_evidence: false });
    expect(last.body.trust.score).toBeCloseTo(0.2065, 3);
    expect(await pointsOf(contributor.id)).toBe(11);
    const listed = await owner.call('GET', `/api/v1/traces/${trace}/votes`);
    expect(listed.body).toEqual({ votes: [expect.objectContaining({ voter_id: voter.id, vote_type: 'up', feedback_text: FEEDBACK })], next_cursor: null });
    expect(await getStack().query(`SELECT delta FROM reputation_events WHERE account_id = $1`, [contributor.id])).toEqual([{ delta: 10 }]);
  });

  it('verifications: a repeat updates, a self-verification is not counted, and the trust summary follows each step', async () => {
    // The trace says its language, so a failure on another one would weigh less (not here).
    const trace = await contribute(owner, ['verify'], { metadata_json: { language: 'typescript' } });
    const self = await verify(owner, trace, 'worked_as_written');
    expect(self.status).toBe(201);
    expect(self.body.verification.counted).toBe(false);
    expect(self.body.trust).toMatchObject({ label: 'unverified', evidence: 0, not_enough_evidence: true });

    const [a, b, c, d] = [await agent('verifier-a', ['verify']), await agent('verifier-b', ['verify']), await agent('verifier-c', ['verify']), await agent('verifier-d', ['verify'])];
    const first = await verify(a, trace, 'worked_as_written');
    expect(first.body.trust).toMatchObject({ label: 'verified', positive: 3, evidence: 3, independent_agents: 1, verifications: { worked_as_written: 1 } });
    const repeat = await verify(a, trace, 'worked_as_written', { environment: { ...ENV, language: ' TypeScript' } });
    expect(repeat.body.verification.id).toBe(first.body.verification.id);
    expect(repeat.body.trust.verifications.worked_as_written).toBe(1);
    const second = await verify(b, trace, 'worked_with_changes', { changes: 'Had to pass --force to vite optimize.' });
    expect(second.body.trust).toMatchObject({ label: 'verified', positive: 4.5, independent_agents: 2 });
    const third = await verify(c, trace, 'worked_as_written', { environment: { ...ENV, packages: { vite: '5.2.0' } } });
    expect(third.body.trust).toMatchObject({ label: 'verified', positive: 7.5, independent_agents: 3, environments: expect.arrayContaining([ENV]) });
    const failed = await verify(d, trace, 'did_not_work', { environment: { ...ENV, packages: { vite: '6.0.0' } }, error_signature: 'Cannot find module vite/dist/node' });
    expect(failed.body.trust).toMatchObject({ label: 'stale', positive: 7.5, negative: 3, independent_agents: 4 });

    const list = await owner.call('GET', `/api/v1/traces/${trace}/verifications?limit=2`);
    expect(list.body.verifications).toHaveLength(2);
    expect(list.body.next_cursor).toEqual(expect.any(String));
    const rest = await owner.call('GET', `/api/v1/traces/${trace}/verifications?limit=50&cursor=${list.body.next_cursor}`);
    expect(list.body.verifications.length + rest.body.verifications.length).toBe(5);
    const view = (await owner.call('GET', `/api/v1/traces/${trace}`)).body;
    expect(view.trust).toEqual(failed.body.trust);
    expect(view.suggested_changes).toEqual([expect.objectContaining({ changes: 'Had to pass --force to vite optimize.' })]);
    expect((await a.call('GET', `/api/v1/traces/${trace}`)).body.suggested_changes).toBeUndefined();
  });

  it('GAMING: a ring of ten fresh accounts upvoting each other moves trust no more than one established agent', async () => {
    const ring: (Api & { id: string })[] = [];
    for (let i = 0; i < 10; i++) ring.push(await agent(`ring-${i}`));
    const traces = [];
    for (const member of ring) traces.push(await contribute(member, ['ring']));
    for (let i = 0; i < ring.length; i++) for (let j = 0; j < traces.length; j++) if (i !== j) expect((await vote(ring[i], traces[j], 'up')).status).toBe(201);
    const reference = await contribute(owner, ['ring']);
    const one = (await vote(await agent('ring-reference', ['ring']), reference, 'up')).body.trust;
    for (const t of traces) {
      const trust = await trustOf(t);
      expect(trust).toMatchObject({ up: 9, independent_agents: 1 });
      expect(trust.evidence).toBeLessThanOrEqual(one.evidence);
      expect(trust.score ?? 0).toBeLessThanOrEqual(one.score);
    }
    for (const member of ring) expect(await pointsOf(member.id)).toBe(1);
  }, 120_000);

  it('GAMING: a burst of fresh accounts upvoting one trace counts as one agent', async () => {
    const trace = await contribute(owner, ['burst']);
    const before = await pointsOf(ownerId);
    let trust;
    for (let i = 0; i < 10; i++) trust = (await vote(await agent(`burst-${i}`), trace, 'up')).body.trust;
    expect(trust).toMatchObject({ up: 10, independent_agents: 1, not_enough_evidence: true, score: null });
    expect(trust.evidence).toBeLessThanOrEqual(1);
    expect(await pointsOf(ownerId)).toBe(before);
  }, 60_000);

  it('search results carry the trust summary, and a trace that failed for many agents leaves default search', async () => {
    const tag = `bury-${randomUUID().slice(0, 8)}`;
    const kept = await contribute(owner, [tag]);
    const failing = await contribute(owner, [tag]);
    const verifiers = [];
    for (let i = 0; i < 4; i++) verifiers.push(await agent(`bury-${i}`, [tag]));
    expect((await verify(verifiers[0], kept, 'worked_as_written')).status).toBe(201);
    let trust;
    for (const v of verifiers) trust = (await verify(v, failing, 'did_not_work', { error_signature: 'Error: still broken' })).body.trust;
    expect(trust).toMatchObject({ buried: true, not_enough_evidence: false, verifications: { did_not_work: 4 } });
    const found = await owner.call('POST', '/api/v1/traces/search', { tags: [tag] });
    expect(found.status).toBe(200);
    expect(found.body.results.map((r: { id: string }) => r.id)).toEqual([kept]);
    expect(found.body.results[0].trust).toMatchObject({ label: 'verified', verifications: { worked_as_written: 1 }, buried: false });
    // Still readable by id: buried means "not offered by default", not hidden.
    expect((await owner.call('GET', `/api/v1/traces/${failing}`)).status).toBe(200);
  }, 60_000);

  it('an agent whose signals all go to one contributor earns it nothing, until it signals another contributor too', async () => {
    const favourite = await agent('favourite');
    const trace = await contribute(favourite, ['fan']);
    const fan = await agent('fan', ['fan']);
    expect((await vote(fan, trace, 'up')).status).toBe(201);
    expect((await trustOf(trace)).up).toBe(1);
    expect(await pointsOf(favourite.id)).toBe(1);
    expect((await vote(fan, await contribute(owner, ['fan']), 'up')).status).toBe(201);
    expect(await pointsOf(favourite.id)).toBe(11);
  });

  it('closes the loop: verifications validate a trace, failures on its version dispute it, and its status follows', async () => {
    const trace = await contribute(owner, ['loop'], { metadata_json: { language: 'typescript' } });
    const statusOf = async () => (await owner.call('GET', `/api/v1/traces/${trace}`)).body.status;
    expect(await statusOf()).toBe('pending');
    const verifiers = [await agent('loop-a', ['loop']), await agent('loop-b', ['loop']), await agent('loop-c', ['loop']), await agent('loop-d', ['loop']), await agent('loop-e', ['loop'])];
    // The corpus is young (fewer than TRUST_YOUNG_CORPUS_TRACES traces): two independent verifications validate.
    expect((await verify(verifiers[0], trace, 'worked_as_written')).status).toBe(201);
    expect(await statusOf()).toBe('pending');
    expect((await verify(verifiers[1], trace, 'worked_as_written')).status).toBe(201);
    await waitFor(async () => (await statusOf()) === 'validated', { what: 'status validated from the evidence' });

    // Three agents on the same environment report that the current version did not work: disputed.
    for (const v of verifiers.slice(2)) expect((await verify(v, trace, 'did_not_work', { error_signature: 'TypeError: x is not a function' })).status).toBe(201);
    await waitFor(async () => (await statusOf()) === 'disputed', { what: 'status disputed from the evidence' });
    const view = (await owner.call('GET', `/api/v1/traces/${trace}`)).body;
    expect(view.trust).toMatchObject({ label: 'disputed', verifications: { worked_as_written: 2, did_not_work: 3 }, independent_agents: 5 });
  }, 120_000);

  it('CONCURRENCY: 50 concurrent votes and verifications on one trace leave exact counts and reputation', async () => {
    const contributor = await agent('busy-owner');
    const trace = await contribute(contributor, ['busy'], { metadata_json: { language: 'typescript' } });
    const elsewhere = await contribute(owner, ['busy']);
    const agents = [];
    for (let i = 0; i < 50; i++) agents.push(await agent(`busy-${i}`, ['busy']));
    // Each agent has signalled another contributor too, so its signals earn points.
    for (const a of agents) expect((await vote(a, elsewhere, 'up')).status).toBe(201);
    const replies = await Promise.all(
      agents.map((a, i) =>
        i < 20 ? vote(a, trace, 'up') : i < 25 ? vote(a, trace, 'down') : i < 45 ? verify(a, trace, 'worked_as_written') : verify(a, trace, 'did_not_work'),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(agents.map(() => 201));
    const trust = await trustOf(trace);
    expect(trust).toMatchObject({ up: 20, down: 5, verifications: { worked_as_written: 20, worked_with_changes: 0, did_not_work: 5 }, independent_agents: 50 });
    expect(trust.positive).toBeCloseTo(20 + 20 * 3, 3);
    expect(trust.negative).toBeCloseTo(5 + 5 * 3, 3);
    expect(await pointsOf(contributor.id)).toBe(1 + 20 * 10 - 5 * 2 + 20 * 5);
    const [dr] = await getStack().query<{ up: number; down: number }>(`SELECT up, down FROM domain_reputation WHERE account_id = $1 AND tag = 'busy'`, [contributor.id]);
    expect(dr).toEqual({ up: 40, down: 10 });
  }, 180_000);
}
