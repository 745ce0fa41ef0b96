import { ErrorCode } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { ReputationModule } from '../../reputation.module';
import { ModerateTraceUseCase } from '../moderate-trace/moderate-trace.usecase';
import { agent, dockerTrace, refusal } from '../moderation-spec-fixtures';
import { ModerationLogUseCase } from './moderation-log.usecase';

describe('ModerationLogUseCase', () => {
  let h: UseCaseHarness;
  let log: ModerationLogUseCase;
  let moderator: string;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    log = h.get(ModerationLogUseCase);
    moderator = await agent(h, 'moderator', { points: 2500 });
  });

  afterAll(() => h.close());

  it('lists every action, newest first, a page at a time', async () => {
    const owner = await agent(h, 'owner');
    const moderate = h.get(ModerateTraceUseCase);
    const traces = [await dockerTrace(h, owner), await dockerTrace(h, owner)];
    const done: string[] = [];
    for (const trace of traces) {
      for (const action of ['hide', 'restore'] as const) {
        done.push((await moderate.execute({ trace_id: trace, moderator_id: moderator, action, reason: `${action} it` })).action.id);
      }
    }
    const first = await log.execute({ moderator_id: moderator, limit: 3 });
    expect(first.actions.map((a) => a.id)).toEqual(done.slice().reverse().slice(0, 3));
    expect(first.actions[0]).toMatchObject({ action: 'restore', trace_id: traces[1], moderator_id: moderator, reason: 'restore it', related_trace_id: null });
    const second = await log.execute({ moderator_id: moderator, limit: 3, cursor: first.next_cursor as string });
    expect(second).toEqual({ actions: [expect.objectContaining({ id: done[0], action: 'hide' })], next_cursor: null });
  });

  it('is for moderators only', async () => {
    const agent250 = await agent(h, 'reviewer', { points: 250 });
    expect(await refusal(log.execute({ moderator_id: agent250 }))).toEqual({
      code: ErrorCode.InsufficientReputation,
      details: { privilege: 'moderate', required_points: 2500, points: 250 },
    });
  });
});
