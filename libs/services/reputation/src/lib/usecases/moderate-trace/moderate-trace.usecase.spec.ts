import { DomainError, ErrorCode, IngestLinkTraces, ReputationModerateTrace, TraceStandingChanged } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { ReputationModule } from '../../reputation.module';
import { FlagTraceUseCase } from '../flag-trace/flag-trace.usecase';
import { agent, dockerTrace, pointsOf, refusal } from '../moderation-spec-fixtures';
import { ModerateTraceUseCase } from './moderate-trace.usecase';

type Request = ReputationModerateTrace.ModerateTraceRequest;

describe('ModerateTraceUseCase', () => {
  let h: UseCaseHarness;
  let moderate: ModerateTraceUseCase;
  let owner: string;
  let moderator: string;
  let reviewer: string;
  const links: IngestLinkTraces.LinkTracesRequest[] = [];
  let linkAnswer: 'ok' | 'conflict' = 'ok';
  const act = (traceId: string, action: Request['action'], extra: Partial<Request> = {}) =>
    moderate.execute({ trace_id: traceId, moderator_id: moderator, action, reason: `${action} after review`, ...extra });
  const standings = async (traceId: string) =>
    (await h.events<TraceStandingChanged.TraceStandingChangedEvent>(TraceStandingChanged.contract.subject))
      .filter((e) => e.data.trace_id === traceId)
      .map((e) => ({ standing: e.data.standing, source: e.data.source, moderator_id: e.data.moderator_id }));
  const flagsOf = (traceId: string) => h.query(`SELECT status, resolved_by FROM flags WHERE trace_id = $1 ORDER BY created_at`, [traceId]);
  const flagged = async (traceId: string, count: number, category: 'spam' | 'incorrect' = 'incorrect') => {
    for (let i = 0; i < count; i++) {
      const flagger = await agent(h, `flagger-${i}`, { points: 20, origin: `net-${randomUUID()}` });
      await h.get(FlagTraceUseCase).execute({ trace_id: traceId, flagger_id: flagger, category, reason: 'looks wrong to me' });
    }
  };

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    h.fake(IngestLinkTraces.contract, (request) => {
      links.push(request);
      if (linkAnswer === 'conflict') throw new DomainError(ErrorCode.Conflict, 'The traces are already linked as duplicate_of');
      return { id: randomUUID(), ...request, created_at: new Date().toISOString() };
    });
    moderate = h.get(ModerateTraceUseCase);
    owner = await agent(h, 'owner', { points: 101 });
    moderator = await agent(h, 'moderator', { points: 2500 });
    reviewer = await agent(h, 'reviewer', { points: 2499 });
  });

  afterAll(() => h.close());

  it('needs the moderate privilege for every action: 403 insufficient_reputation, and nothing changes', async () => {
    const trace = await dockerTrace(h, owner);
    for (const action of ['hide', 'restore', 'resolve_flags', 'dismiss_flags', 'merge_duplicate'] as const) {
      expect(await refusal(act(trace, action, { moderator_id: reviewer, target_id: await dockerTrace(h, owner) }))).toEqual({
        code: ErrorCode.InsufficientReputation,
        details: { privilege: 'moderate', required_points: 2500, points: 2499 },
      });
    }
    expect(await h.query(`SELECT 1 FROM moderation_actions WHERE trace_id = $1`, [trace])).toEqual([]);
    expect(await standings(trace)).toEqual([]);
  });

  it('hides with an audit row, the standing event and the open flags resolved; restores the earned standing, dismissing new flags', async () => {
    const trace = await dockerTrace(h, owner);
    await flagged(trace, 1);
    const hidden = await act(trace, 'hide');
    expect(hidden).toMatchObject({ standing: 'hidden', flags_closed: 1, action: { action: 'hide', moderator_id: moderator, reason: 'hide after review' } });
    expect(hidden.spam_removal).toBeUndefined();
    expect(await flagsOf(trace)).toEqual([{ status: 'resolved', resolved_by: moderator }]);
    expect((await refusal(act(trace, 'hide')))?.code).toBe(ErrorCode.Conflict);

    await h.query(`INSERT INTO trace_scores (trace_id, standing) VALUES ($1, 'validated')`, [trace]);
    const restored = await act(trace, 'restore');
    expect(restored).toMatchObject({ standing: 'validated', action: { action: 'restore' } });
    expect((await refusal(act(trace, 'restore')))?.code).toBe(ErrorCode.Conflict);
    expect(await standings(trace)).toEqual([
      { standing: 'hidden', source: 'moderation', moderator_id: moderator },
      { standing: 'validated', source: 'moderation', moderator_id: moderator },
    ]);
    expect(await h.query(`SELECT action FROM moderation_actions WHERE trace_id = $1 ORDER BY created_at`, [trace])).toEqual([{ action: 'hide' }, { action: 'restore' }]);
  });

  it('restores a trace the system hid to pending when the evidence decided nothing, dismissing its flags', async () => {
    const trace = await dockerTrace(h, owner);
    await h.query(`UPDATE accounts SET origin = NULL WHERE id = $1`, [owner]);
    for (let i = 0; i < 3; i++) {
      const flagger = await agent(h, `expert-${i}`, { points: 20, origin: `x-${randomUUID()}`, docker: 1 });
      await h.get(FlagTraceUseCase).execute({ trace_id: trace, flagger_id: flagger, category: 'harmful', reason: 'dangerous command' });
    }
    expect((await standings(trace)).map((s) => s.standing)).toEqual(['hidden']);
    const restored = await act(trace, 'restore');
    expect(restored).toMatchObject({ standing: 'pending', flags_closed: 3 });
    expect(await flagsOf(trace)).toEqual(Array(3).fill({ status: 'dismissed', resolved_by: moderator }));
  });

  it('removes as spam (spam: true): the contributor loses 50 points; a restore gives them back', async () => {
    const trace = await dockerTrace(h, owner);
    const before = await pointsOf(h, owner);
    expect((await act(trace, 'hide', { spam: true })).spam_removal).toEqual({ contributor_id: owner, delta: -50 });
    expect(await pointsOf(h, owner)).toBe(before - 50);
    expect((await act(trace, 'restore')).spam_removal).toEqual({ contributor_id: owner, delta: 0 });
    expect(await pointsOf(h, owner)).toBe(before);
    expect(await h.query(`SELECT 1 FROM reputation_events WHERE source_key = $1`, [`removed:${trace}`])).toEqual([]);
  });

  it('removes as spam when spam leads the open flags', async () => {
    const trace = await dockerTrace(h, owner);
    await flagged(trace, 2, 'spam');
    await flagged(trace, 1, 'incorrect');
    const before = await pointsOf(h, owner);
    expect((await act(trace, 'hide')).spam_removal).toEqual({ contributor_id: owner, delta: -50 });
    expect(await pointsOf(h, owner)).toBe(before - 50);
  });

  it('resolves or dismisses the open flags, with its audit row; with none open, 409', async () => {
    const trace = await dockerTrace(h, owner);
    await flagged(trace, 2);
    expect(await act(trace, 'dismiss_flags')).toMatchObject({ flags_closed: 2, action: { action: 'dismiss_flags' } });
    expect((await refusal(act(trace, 'resolve_flags')))?.code).toBe(ErrorCode.Conflict);
    await flagged(trace, 1);
    expect(await act(trace, 'resolve_flags')).toMatchObject({ flags_closed: 1, action: { action: 'resolve_flags' } });
    expect(await standings(trace)).toEqual([]);
  });

  it('merges a duplicate: ingest links it as the moderator, its duplicate flags are resolved, it is hidden "merged into"', async () => {
    const trace = await dockerTrace(h, owner);
    const original = await dockerTrace(h, owner);
    const voter = await agent(h, 'voter', { points: 300 });
    await h.get(FlagTraceUseCase).execute({ trace_id: trace, flagger_id: voter, category: 'duplicate', reason: 'same question', duplicate_of: original });
    const merged = await act(trace, 'merge_duplicate', { target_id: original, reason: undefined });
    expect(merged).toMatchObject({
      standing: 'hidden',
      flags_closed: 1,
      action: { action: 'merge_duplicate', related_trace_id: original, reason: `merged into ${original}` },
    });
    expect(links.filter((l) => l.source_id === trace)).toEqual([{ source_id: trace, target_id: original, kind: 'duplicate_of', created_by: moderator }]);
    expect((await standings(trace)).map((s) => s.standing)).toEqual(['hidden']);
  });

  it('merges when ingest already has the link; refuses merging a hidden trace (409), into itself (400) or into a missing one (404)', async () => {
    const trace = await dockerTrace(h, owner);
    const original = await dockerTrace(h, owner);
    linkAnswer = 'conflict';
    try {
      expect((await act(trace, 'merge_duplicate', { target_id: original })).action.action).toBe('merge_duplicate');
    } finally {
      linkAnswer = 'ok';
    }
    expect((await refusal(act(trace, 'merge_duplicate', { target_id: original })))?.code).toBe(ErrorCode.Conflict);
    const other = await dockerTrace(h, owner);
    expect((await refusal(act(other, 'merge_duplicate', { target_id: other })))?.code).toBe(ErrorCode.ValidationFailed);
    expect((await refusal(act(other, 'merge_duplicate', { target_id: randomUUID() })))?.code).toBe(ErrorCode.NotFound);
    expect((await refusal(act(other, 'merge_duplicate', { target_id: trace })))?.code).toBe(ErrorCode.Conflict);
  });

  it('answers 404 for a trace that does not exist', async () => {
    expect((await refusal(act(randomUUID(), 'hide')))?.code).toBe(ErrorCode.NotFound);
  });
});
