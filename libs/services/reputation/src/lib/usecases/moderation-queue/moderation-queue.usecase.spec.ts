import { ErrorCode } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { ReputationModule } from '../../reputation.module';
import { FlagTraceUseCase } from '../flag-trace/flag-trace.usecase';
import { agent, dockerTrace, refusal } from '../moderation-spec-fixtures';
import { ModerationQueueUseCase } from './moderation-queue.usecase';

describe('ModerationQueueUseCase', () => {
  let h: UseCaseHarness;
  let queue: ModerationQueueUseCase;
  let moderator: string;
  let owner: string;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    queue = h.get(ModerationQueueUseCase);
    moderator = await agent(h, 'moderator', { points: 2500 });
    owner = await agent(h, 'owner');
  });

  afterAll(() => h.close());

  it('lists flagged traces, pending amendments and duplicate-close votes, each section paged', async () => {
    const flag = h.get(FlagTraceUseCase);
    const spammy = await dockerTrace(h, owner);
    const duplicate = await dockerTrace(h, owner);
    const original = await dockerTrace(h, owner);
    const sameNet = [await agent(h, 'a', { points: 20, origin: 'net-1', docker: 1 }), await agent(h, 'b', { points: 20, origin: 'net-1', docker: 1 })];
    for (const f of sameNet) await flag.execute({ trace_id: spammy, flagger_id: f, category: 'spam', reason: 'selling something' });
    const fresh = await agent(h, 'c', { points: 20, origin: 'net-2' });
    await flag.execute({ trace_id: spammy, flagger_id: fresh, category: 'harmful', reason: 'x'.repeat(1000) });
    const reviewers = [await agent(h, 'r1', { points: 300, origin: 'r-1' }), await agent(h, 'r2', { points: 300, origin: 'r-2' })];
    for (const r of reviewers) await flag.execute({ trace_id: duplicate, flagger_id: r, category: 'duplicate', reason: 'asked before', duplicate_of: original });
    const [amendment] = await h.query<{ id: string }>(
      `INSERT INTO amendments (trace_id, author_id, improved_solution, explanation, base_version) VALUES ($1, $2, 'better', 'clearer', 1) RETURNING id`,
      [original, fresh],
    );

    const all = await queue.execute({ moderator_id: moderator });
    expect(all.flagged?.items.map((t) => t.trace_id)).toEqual([duplicate, spammy]);
    const spam = all.flagged?.items.find((t) => t.trace_id === spammy);
    expect(spam).toMatchObject({ open_flags: 3, by_category: { spam: 2, harmful: 1 }, weight: 1.125, status: 'pending', contributor_id: owner });
    expect(spam?.latest_reasons.map((r) => [r.category, r.reason.length])).toEqual([['harmful', 300], ['spam', 17], ['spam', 17]]);
    expect(all.amendments).toEqual({
      items: [{ amendment_id: amendment.id, trace_id: original, trace_title: 'A docker trace', author_id: fresh, explanation: 'clearer', created_at: expect.any(String) }],
      next_cursor: null,
    });
    expect(all.duplicates).toEqual({ items: [{ trace_id: duplicate, duplicate_of: original, votes: 2, voters: reviewers }], next_cursor: null });

    const page1 = await queue.execute({ moderator_id: moderator, section: 'flagged', limit: 1 });
    expect(Object.keys(page1)).toEqual(['flagged']);
    expect(page1.flagged).toMatchObject({ items: [{ trace_id: duplicate }], next_cursor: '1' });
    const page2 = await queue.execute({ moderator_id: moderator, section: 'flagged', limit: 1, cursor: '1' });
    expect(page2.flagged).toMatchObject({ items: [{ trace_id: spammy }], next_cursor: null });
  });

  it('is for moderators only', async () => {
    expect((await refusal(queue.execute({ moderator_id: owner })))?.code).toBe(ErrorCode.InsufficientReputation);
  });
});
