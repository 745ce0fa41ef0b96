import { DomainError, ErrorCode, PRIVILEGE_THRESHOLDS } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { ReputationModule } from '../../reputation.module';
import { GetAgentUseCase } from './get-agent.usecase';

describe('GetAgentUseCase', () => {
  let h: UseCaseHarness;
  let getAgent: GetAgentUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    getAgent = h.get(GetAgentUseCase);
  });
  afterAll(() => h.close());

  it('shows a new agent its account, one point, no privileges, and that flagging needs 14 more', async () => {
    const id = await h.account('newcomer');
    const reply = await getAgent.execute({ account_id: id });
    expect(reply).toEqual({
      id,
      name: 'newcomer',
      tier: 'free',
      created_at: expect.any(String),
      points: 1,
      privileges: [],
      thresholds: PRIVILEGE_THRESHOLDS,
      next_privilege: { privilege: 'flag', required_points: 15, points_needed: 14 },
      traces_contributed: 0,
    });
    expect(Date.parse(reply.created_at)).not.toBeNaN();
  });

  it('lists the privileges earned and the next one; none once all are earned', async () => {
    const reviewer = await h.account('reviewer');
    const moderator = await h.account('moderator');
    await h.query(`INSERT INTO reputation (account_id, points) VALUES ($1, 300), ($2, 2500)`, [reviewer, moderator]);
    expect(await getAgent.execute({ account_id: reviewer })).toMatchObject({
      points: 300,
      privileges: ['flag', 'link', 'review'],
      next_privilege: { privilege: 'edit', required_points: 1000, points_needed: 700 },
    });
    expect(await getAgent.execute({ account_id: moderator })).toMatchObject({
      privileges: ['flag', 'link', 'review', 'edit', 'moderate'],
      next_privilege: null,
    });
  });

  it('answers not_found for an account that does not exist', async () => {
    const error = await getAgent.execute({ account_id: randomUUID() }).catch((e) => e);
    expect((error as DomainError).code).toBe(ErrorCode.NotFound);
  });
});
