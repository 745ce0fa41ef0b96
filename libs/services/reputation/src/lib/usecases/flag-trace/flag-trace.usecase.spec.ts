import { ErrorCode, IngestLinkTraces, ReputationFlagTrace, TraceStandingChanged } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { ReputationModule } from '../../reputation.module';
import { agent, dockerTrace, pointsOf, refusal } from '../moderation-spec-fixtures';
import { ModerateTraceUseCase } from '../moderate-trace/moderate-trace.usecase';
import { FlagTraceUseCase } from './flag-trace.usecase';

type Category = ReputationFlagTrace.FlagTraceRequest['category'];

describe('FlagTraceUseCase', () => {
  let h: UseCaseHarness;
  let flag: FlagTraceUseCase;
  let owner: string;
  let moderator: string;
  const links: IngestLinkTraces.LinkTracesRequest[] = [];
  let n = 0;
  /** An established agent (reputation 1 in the trace's tag) of its own origin, with the flag privilege. */
  const established = (points = 20, origin = `net-${++n}`) => agent(h, `established-${n}`, { points, origin, docker: 1 });
  const raise = (traceId: string, flaggerId: string, category: Category = 'incorrect', extra: Partial<ReputationFlagTrace.FlagTraceRequest> = {}) =>
    flag.execute({ trace_id: traceId, flagger_id: flaggerId, category, reason: `${category}: see the release notes`, ...extra });
  const standings = async (traceId: string) =>
    (await h.events<TraceStandingChanged.TraceStandingChangedEvent>(TraceStandingChanged.contract.subject))
      .filter((e) => e.data.trace_id === traceId)
      .map((e) => `${e.data.standing}/${e.data.source}`);
  const audit = (traceId: string) => h.query(`SELECT action, moderator_id, related_trace_id FROM moderation_actions WHERE trace_id = $1 ORDER BY created_at`, [traceId]);

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    h.fake(IngestLinkTraces.contract, (request) => {
      links.push(request);
      return { id: randomUUID(), ...request, created_at: new Date().toISOString() };
    });
    flag = h.get(FlagTraceUseCase);
    owner = await agent(h, 'owner', { points: 101 });
    moderator = await agent(h, 'moderator', { points: 2500 });
  });

  afterAll(() => h.close());

  it('needs the flag privilege: 403 insufficient_reputation, and nothing is stored', async () => {
    const trace = await dockerTrace(h, owner);
    const newcomer = await agent(h, 'newcomer');
    expect(await refusal(raise(trace, newcomer))).toEqual({
      code: ErrorCode.InsufficientReputation,
      details: { privilege: 'flag', required_points: 15, points: 1 },
    });
    expect(await h.query(`SELECT 1 FROM flags WHERE trace_id = $1`, [trace])).toEqual([]);
  });

  it('weighs a flag by the flagger’s reputation in the trace’s tags, and one flag never hides', async () => {
    const trace = await dockerTrace(h, owner);
    const fresh = await agent(h, 'fresh', { points: 15 });
    const expert = await established();
    expect(await raise(trace, fresh)).toMatchObject({ weight: 0.125, status: 'open', outcome: 'recorded', category: 'incorrect' });
    expect(await raise(trace, expert, 'spam')).toMatchObject({ weight: 1, outcome: 'recorded' });
    expect(await standings(trace)).toEqual([]);
  });

  it('keeps one flag per agent and trace: a repeat replaces it', async () => {
    const trace = await dockerTrace(h, owner);
    const flagger = await established();
    await raise(trace, flagger, 'incorrect');
    const again = await raise(trace, flagger, 'outdated', { reason: 'fixed upstream in 2.0' });
    expect(await h.query(`SELECT id, category, reason FROM flags WHERE trace_id = $1`, [trace])).toEqual([
      { id: again.id, category: 'outdated', reason: 'fixed upstream in 2.0' },
    ]);
  });

  it('scans the reason like a contribution: credentials refuse it, personal data is replaced', async () => {
    const trace = await dockerTrace(h, owner);
    const flagger = await established();
    const token = 'ghp_' + 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc9';
    expect((await refusal(raise(trace, flagger, 'harmful', { reason: `it leaks ${token}` })))?.code).toBe(ErrorCode.SecretDetected);
    const flagged = await raise(trace, flagger, 'harmful', { reason: 'reported by jane.roe@corp.example.org' });
    expect(flagged.reason).toBe('reported by [email]');
    expect(flagged.redactions).toEqual([{ field: 'reason', kind: 'email', count: 1 }]);
  });

  it('refuses flags on one’s own trace (403) and on missing or hidden traces (404)', async () => {
    const trace = await dockerTrace(h, owner);
    expect((await refusal(raise(trace, owner)))?.code).toBe(ErrorCode.Forbidden);
    const flagger = await established();
    expect((await refusal(raise(randomUUID(), flagger)))?.code).toBe(ErrorCode.NotFound);
    expect((await refusal(raise(await dockerTrace(h, owner, 'hidden'), flagger)))?.code).toBe(ErrorCode.NotFound);
    expect((await refusal(raise(trace, flagger, 'duplicate', { duplicate_of: randomUUID() })))?.code).toBe(ErrorCode.NotFound);
    expect((await refusal(raise(trace, flagger, 'spam', { duplicate_of: await dockerTrace(h, owner) })))?.code).toBe(ErrorCode.ValidationFailed);
    expect((await refusal(raise(trace, flagger, 'duplicate', { duplicate_of: trace })))?.code).toBe(ErrorCode.ValidationFailed);
  });

  it('hides the trace when the open flags’ weight reaches FLAG_HIDE_WEIGHT (3), as the system, and removes spam (-50)', async () => {
    const trace = await dockerTrace(h, owner);
    const before = await pointsOf(h, owner);
    const [a, b, c] = [await established(), await established(), await established()];
    expect((await raise(trace, a, 'spam')).outcome).toBe('recorded');
    expect((await raise(trace, b, 'spam')).outcome).toBe('recorded');
    expect((await raise(trace, c, 'harmful')).outcome).toBe('hidden');
    expect(await audit(trace)).toEqual([{ action: 'hide', moderator_id: null, related_trace_id: null }]);
    expect(await standings(trace)).toEqual(['hidden/moderation']);
    expect(await pointsOf(h, owner)).toBe(before - 50);
    expect(await h.query(`SELECT delta FROM reputation_events WHERE account_id = $1 AND source_key = $2`, [owner, `removed:${trace}`])).toEqual([{ delta: -50 }]);
    // The flags stay open for a moderator to confirm or restore; a hidden trace takes no more flags.
    expect(await h.query(`SELECT DISTINCT status FROM flags WHERE trace_id = $1`, [trace])).toEqual([{ status: 'open' }]);
    expect((await refusal(raise(trace, await established())))?.code).toBe(ErrorCode.NotFound);
  });

  it('does not remove as spam when another category leads', async () => {
    const owner2 = await agent(h, 'owner-2', { points: 101 });
    const trace = await dockerTrace(h, owner2);
    for (const category of ['incorrect', 'incorrect', 'spam'] as Category[]) await raise(trace, await established(), category);
    expect(await standings(trace)).toEqual(['hidden/moderation']);
    expect(await pointsOf(h, owner2)).toBe(101);
  });

  it('counts accounts of one origin once, and new agents about an eighth', async () => {
    const trace = await dockerTrace(h, owner);
    for (let i = 0; i < 5; i++) await raise(trace, await established(20, 'one-network'));
    for (let i = 0; i < 8; i++) await raise(trace, await agent(h, `fresh-${i}`, { points: 15, origin: `fresh-net-${i}` }));
    // 1 (one network) + 8 × 1/8 = 2 < 3
    expect(await standings(trace)).toEqual([]);
    expect((await raise(trace, await established())).outcome).toBe('hidden');
  });

  it('does not count duplicate flags toward hiding', async () => {
    const trace = await dockerTrace(h, owner);
    const original = await dockerTrace(h, owner);
    for (let i = 0; i < 4; i++) await raise(trace, await established(), 'duplicate', { duplicate_of: original });
    expect(await standings(trace)).toEqual([]);
  });

  it('does not hide again by flags alone a trace a moderator restored', async () => {
    const trace = await dockerTrace(h, owner);
    for (let i = 0; i < 3; i++) await raise(trace, await established(), 'harmful');
    await h.get(ModerateTraceUseCase).execute({ trace_id: trace, moderator_id: moderator, action: 'restore', reason: 'not harmful' });
    for (let i = 0; i < 3; i++) expect((await raise(trace, await established(), 'harmful')).outcome).toBe('recorded');
    expect(await standings(trace)).toEqual(['hidden/moderation', 'pending/moderation']);
  });

  it('merges a duplicate at DUPLICATE_CLOSE_VOTES (3) independent votes from agents with the review privilege', async () => {
    const trace = await dockerTrace(h, owner);
    const original = await dockerTrace(h, owner);
    const dup = (flagger: string) => raise(trace, flagger, 'duplicate', { duplicate_of: original });
    // Votes of agents without the review privilege, or of one origin, do not add up.
    await dup(await established(20));
    await dup(await established(300, 'review-net'));
    expect((await dup(await established(300, 'review-net'))).outcome).toBe('recorded');
    expect((await dup(await established(300))).outcome).toBe('recorded');
    const last = await established(300);
    expect((await dup(last)).outcome).toBe('merged');
    expect(links.filter((l) => l.source_id === trace)).toEqual([{ source_id: trace, target_id: original, kind: 'duplicate_of', created_by: last }]);
    expect(await audit(trace)).toEqual([{ action: 'merge_duplicate', moderator_id: null, related_trace_id: original }]);
    expect(await standings(trace)).toEqual(['hidden/moderation']);
    expect(await h.query(`SELECT DISTINCT status FROM flags WHERE trace_id = $1`, [trace])).toEqual([{ status: 'resolved' }]);
    const [event] = (await h.events<TraceStandingChanged.TraceStandingChangedEvent>(TraceStandingChanged.contract.subject)).filter((e) => e.data.trace_id === trace);
    expect(event.data.reason).toMatch(new RegExp(`^merged into ${original}`));
  });
});
