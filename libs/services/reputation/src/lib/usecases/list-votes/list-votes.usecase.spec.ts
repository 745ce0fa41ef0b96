import { DomainError, ErrorCode } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { ReputationModule } from '../../reputation.module';
import { CastVoteUseCase } from '../cast-vote/cast-vote.usecase';
import { Fixtures } from '../spec-fixtures';
import { ListVotesUseCase } from './list-votes.usecase';

describe('ListVotesUseCase', () => {
  let h: UseCaseHarness;
  let f: Fixtures;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    f = new Fixtures(h);
  }, 60_000);
  afterAll(() => h.close());

  it('lists a trace’s votes with their feedback, newest first, a page at a time', async () => {
    const trace = await f.trace(await f.account());
    for (let i = 0; i < 5; i++) {
      await h.get(CastVoteUseCase).execute({ trace_id: trace, voter_id: await f.account(), vote_type: 'up', feedback_tag: 'worked', feedback_text: `feedback number ${i}` });
    }
    const list = h.get(ListVotesUseCase);
    const first = await list.execute({ trace_id: trace, limit: 3 });
    expect(first.votes.map((v) => v.feedback_text)).toEqual(['feedback number 4', 'feedback number 3', 'feedback number 2']);
    expect(first.votes[0]).toMatchObject({ vote_type: 'up', feedback_tag: 'worked' });
    const second = await list.execute({ trace_id: trace, limit: 3, cursor: first.next_cursor ?? undefined });
    expect(second.votes.map((v) => v.feedback_text)).toEqual(['feedback number 1', 'feedback number 0']);
    expect(second.next_cursor).toBeNull();
  });

  it('answers 404 for an unknown or hidden trace and 400 for a foreign cursor', async () => {
    const list = h.get(ListVotesUseCase);
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e as DomainError).code);
    expect(await code(list.execute({ trace_id: randomUUID() }))).toBe(ErrorCode.NotFound);
    expect(await code(list.execute({ trace_id: await f.trace(await f.account(), { status: 'hidden' }) }))).toBe(ErrorCode.NotFound);
    expect(await code(list.execute({ trace_id: await f.trace(await f.account()), cursor: randomUUID() }))).toBe(ErrorCode.ValidationFailed);
  });
});
