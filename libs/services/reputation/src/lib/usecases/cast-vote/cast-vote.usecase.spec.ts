import { DomainError, ErrorCode, TraceStandingChanged, VoteCast } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { ReputationModule } from '../../reputation.module';
import { FEEDBACK, Fixtures } from '../spec-fixtures';
import { CastVoteUseCase } from './cast-vote.usecase';

describe('CastVoteUseCase', () => {
  let h: UseCaseHarness;
  let f: Fixtures;
  let cast: CastVoteUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    f = new Fixtures(h);
    cast = h.get(CastVoteUseCase);
  }, 60_000);
  afterAll(() => h.close());

  const up = (trace_id: string, voter_id: string, extra = {}) => cast.execute({ trace_id, voter_id, vote_type: 'up', feedback_text: FEEDBACK, ...extra });
  const down = (trace_id: string, voter_id: string, extra = {}) =>
    cast.execute({ trace_id, voter_id, vote_type: 'down', feedback_tag: 'wrong', feedback_text: 'The flag it names was removed in v5.', ...extra });
  const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? e.code : String(e)));

  it('refuses self-votes (403), unknown and hidden traces (404), down votes without a tag (400)', async () => {
    const owner = await f.account();
    const trace = await f.trace(owner);
    const hidden = await f.trace(owner, { status: 'hidden' });
    const voter = await f.account();
    expect(await codeOf(up(trace, owner))).toBe(ErrorCode.Forbidden);
    expect(await codeOf(up(randomUUID(), voter))).toBe(ErrorCode.NotFound);
    expect(await codeOf(up(hidden, voter))).toBe(ErrorCode.NotFound);
    expect(await codeOf(cast.execute({ trace_id: trace, voter_id: voter, vote_type: 'down', feedback_text: FEEDBACK }))).toBe(ErrorCode.ValidationFailed);
    expect(await h.query(`SELECT 1 FROM votes`)).toHaveLength(0);
  });

  it('refuses a secret in the feedback (422) and redacts personal data', async () => {
    const trace = await f.trace(await f.account());
    const voter = await f.account();
    const token = 'ghp_' + 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc9';
    expect(await codeOf(up(trace, voter, { feedback_text: `works with GITHUB_TOKEN=${token}` }))).toBe(ErrorCode.SecretDetected);
    const reply = await up(trace, voter, { feedback_text: 'Worked, ping jane.roe@corp.example.org if not' });
    expect(reply.vote.feedback_text).toBe('Worked, ping [email] if not');
    expect(reply.redactions).toEqual([{ field: 'feedback_text', kind: 'email', count: 1 }]);
  });

  it('answers the trust summary and emits vote.cast', async () => {
    const trace = await f.trace(await f.account(), { tags: ['k8s'] });
    const expert = await f.established(['k8s']);
    const reply = await up(trace, expert, { feedback_tag: 'worked', voter_context: { language: 'go', versions: { kubectl: '1.29' } } });
    expect(reply.vote).toMatchObject({ vote_type: 'up', feedback_tag: 'worked', weight: 1, voter_context: { language: 'go' } });
    // CommonTrace v1 clients read the vote's fields at the top level of the answer.
    const { vote, trust: _trust, redactions: _redactions, ...topLevel } = reply;
    expect(topLevel).toEqual(vote);
    expect(reply.trust).toMatchObject({ up: 1, down: 0, evidence: 1, positive: 1, not_enough_evidence: false, label: 'unverified', independent_agents: 1 });
    expect(reply.trust.score).toBeCloseTo(0.2065, 3);
    const events = await h.events<{ vote_id: string }>(VoteCast.contract.subject);
    expect(events.map((e) => e.data.vote_id)).toContain(reply.vote.id);
  });

  it('changing a vote many times leaves exactly the counts and points of its last state', async () => {
    const owner = await f.account();
    const trace = await f.trace(owner);
    const other = await f.trace(await f.account());
    const voter = await f.account();
    await up(other, voter); // the voter's votes do not all go to one contributor
    for (let i = 0; i < 15; i++) await (i % 2 ? up(trace, voter) : down(trace, voter));
    // 15 changes: the last (i = 14) is down
    expect(await h.query(`SELECT direction FROM votes WHERE trace_id = $1`, [trace])).toEqual([{ direction: -1 }]);
    expect((await f.score(trace)).summary).toMatchObject({ up: 0, down: 1 });
    expect(await f.points(owner)).toBe(1); // 1 - 2, floored at 1
    await up(trace, voter);
    expect(await f.points(owner)).toBe(11);
    expect(await h.query(`SELECT delta FROM reputation_events WHERE account_id = $1`, [owner])).toEqual([{ delta: 10 }]);
    expect((await f.score(trace)).summary).toMatchObject({ up: 1, down: 0 });
  });

  it('earns a contributor nothing from an account whose votes all go to it, until it votes elsewhere', async () => {
    const [c1, c2] = [await f.account(), await f.account()];
    const [t1, t2] = [await f.trace(c1), await f.trace(c2)];
    const voter = await f.account();
    await up(t1, voter);
    expect(await f.points(c1)).toBe(1);
    await up(t2, voter);
    expect([await f.points(c1), await f.points(c2)]).toEqual([11, 11]);
  });

  it('earns nothing from a voter of the contributor’s origin or created by it', async () => {
    const owner = await f.account({ origin: 'home-net' });
    const trace = await f.trace(owner);
    const elsewhere = await f.trace(await f.account());
    const sibling = await f.account({ origin: 'home-net' });
    const minted = await f.account({ createdBy: owner });
    for (const v of [sibling, minted]) {
      await up(elsewhere, v);
      await up(trace, v);
    }
    expect(await f.points(owner)).toBe(1);
    expect((await f.score(trace)).summary).toMatchObject({ up: 2, independent_agents: 1 });
  });

  it('GAMING: a ring of ten fresh accounts from distinct origins moves trust no more than one established agent', async () => {
    const ring: string[] = [];
    for (let i = 0; i < 10; i++) ring.push(await f.fresh(600 - i * 20));
    const traces = await Promise.all(ring.map((a) => f.trace(a, { tags: ['ring'] })));
    for (let i = 0; i < ring.length; i++) for (let j = 0; j < traces.length; j++) if (i !== j) await up(traces[j], ring[i]);
    const reference = await f.trace(await f.account(), { tags: ['ring'] });
    const one = (await up(reference, await f.established(['ring']))).trust;
    for (const t of traces) {
      const s = (await f.score(t)).summary;
      expect(s.up).toBe(9);
      expect(s.independent_agents).toBe(1);
      expect(s.evidence).toBeLessThanOrEqual(one.evidence);
      expect(s.score ?? 0).toBeLessThanOrEqual(one.score ?? 0);
    }
    for (const a of ring) expect(await f.points(a)).toBe(1);
  }, 30_000);

  it('GAMING: a burst of fresh accounts from distinct origins counts as one', async () => {
    const trace = await f.trace(await f.account(), { tags: ['burst'] });
    let last;
    for (let i = 0; i < 12; i++) last = await up(trace, await f.fresh(300 - i * 15));
    expect(last?.trust).toMatchObject({ up: 12, independent_agents: 1, not_enough_evidence: true, score: null });
    expect(last?.trust.evidence).toBeLessThanOrEqual(1);
  });

  it('keeps fresh accounts registered far apart independent', async () => {
    const trace = await f.trace(await f.account(), { tags: ['apart'] });
    let last;
    for (let i = 0; i < 3; i++) last = await up(trace, await f.fresh(3000 - i * 600));
    expect(last?.trust).toMatchObject({ up: 3, independent_agents: 3, evidence: 0.375 });
  });

  it('weighs a down vote from another environment less', async () => {
    const trace = await f.trace(await f.account(), { tags: ['env'], language: 'python' });
    const reply = await down(trace, await f.established(['env']), { voter_context: { language: 'ruby' } });
    expect(reply.vote.weight).toBe(0.5);
    expect(reply.trust.weighted_down).toBe(0.5);
  });

  it('CONCURRENCY: 50 concurrent votes leave exact counts and points', async () => {
    const owner = await f.account();
    const trace = await f.trace(owner, { tags: ['busy'] });
    const elsewhere = await f.trace(await f.account());
    const voters = await Promise.all(Array.from({ length: 50 }, () => f.account()));
    for (const v of voters) await up(elsewhere, v);
    await Promise.all(voters.map((v, i) => (i % 5 === 0 ? down(trace, v) : up(trace, v))));
    expect((await f.score(trace)).summary).toMatchObject({ up: 40, down: 10, independent_agents: 50 });
    expect(await f.points(owner)).toBe(1 + 40 * 10 - 10 * 2);
    const [dr] = await h.query<{ up: number; down: number }>(`SELECT up, down FROM domain_reputation WHERE account_id = $1 AND tag = 'busy'`, [owner]);
    expect(dr).toEqual({ up: 40, down: 10 });
    expect(await h.events(TraceStandingChanged.contract.subject)).toEqual([]);
  }, 60_000);
});
