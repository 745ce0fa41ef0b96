import { DomainError, ErrorCode, PRIVILEGE_THRESHOLDS, ReputationGetReputation } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { ReputationModule } from '../../reputation.module';
import { STARTING_POINTS } from '../../ledger/ledger';
import { GetReputationUseCase } from './get-reputation.usecase';

describe('GetReputationUseCase', () => {
  let h: UseCaseHarness;
  let getReputation: GetReputationUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    getReputation = h.get(GetReputationUseCase);
  });

  afterAll(() => h.close());

  /** A trace row of this contributor, as ingest stores one. */
  const contribute = (contributor: string, n: number) =>
    h.query(
      `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash)
       VALUES ($1, 'context', 'solution', $2, $3)`,
      [`trace ${n}`, contributor, String(n).padStart(64, '0')],
    );
  const domain = (account: string, tag: string, up: number, down: number, wilson: number) =>
    h.query(`INSERT INTO domain_reputation (account_id, tag, up, down, wilson) VALUES ($1, $2, $3, $4, $5)`, [account, tag, up, down, wilson]);

  it('gives a new contributor the starting points, no privileges, no domains and no traces, in the v1 shape plus ours', async () => {
    const contributor = await h.account('new');
    expect(await getReputation.execute({ contributor_id: contributor })).toEqual({
      user_id: contributor,
      overall_wilson_score: 0,
      domains: [],
      domains_total: 0,
      contributor_id: contributor,
      points: STARTING_POINTS,
      privileges: [],
      thresholds: PRIVILEGE_THRESHOLDS,
      traces_contributed: 0,
    });
  });

  it('reports the stored points, the privileges they unlock, and counts only this contributor’s traces', async () => {
    const contributor = await h.account('established');
    const other = await h.account('other');
    await h.query(`INSERT INTO reputation (account_id, points) VALUES ($1, 137)`, [contributor]);
    await contribute(contributor, 1);
    await contribute(contributor, 2);
    await contribute(other, 3);
    expect(await getReputation.execute({ contributor_id: contributor })).toMatchObject({
      contributor_id: contributor,
      points: 137,
      privileges: ['flag', 'link'],
      traces_contributed: 2,
    });
  });

  it('lists per-tag reputation strongest first, bounded, with the overall Wilson score over all tags', async () => {
    const contributor = await h.account('tagged');
    await domain(contributor, 'python', 8, 0, 0.676);
    await domain(contributor, 'docker', 1, 1, 0.095);
    const reply = await getReputation.execute({ contributor_id: contributor });
    expect(reply.domains).toEqual([
      { domain_tag: 'python', wilson_score: 0.676, upvote_count: 8, downvote_count: 0 },
      { domain_tag: 'docker', wilson_score: 0.095, upvote_count: 1, downvote_count: 1 },
    ]);
    expect(reply.domains_total).toBe(2);
    // 9 up and 1 down over all tags.
    expect(reply.overall_wilson_score).toBeCloseTo(0.596, 3);

    const many = await h.account('many-tags');
    const limit = ReputationGetReputation.REPUTATION_LIMITS.domains;
    for (let i = 0; i < limit + 5; i++) await domain(many, `tag-${String(i).padStart(2, '0')}`, i, 0, i / 100);
    const bounded = await getReputation.execute({ contributor_id: many });
    expect(bounded.domains).toHaveLength(limit);
    expect(bounded.domains_total).toBe(limit + 5);
    expect(bounded.domains[0].domain_tag).toBe(`tag-${limit + 4}`);
  });

  it('answers not_found for an unknown contributor', async () => {
    const error = await getReputation.execute({ contributor_id: randomUUID() }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.NotFound);
  });
});

describe('GetReputationUseCase with configured thresholds', () => {
  let h: UseCaseHarness;
  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule, env: { PRIVILEGE_LINK_POINTS: '5', PRIVILEGE_FLAG_POINTS: '40' } });
  });
  afterAll(() => h.close());

  it('replies the thresholds in force and grants by them', async () => {
    const contributor = await h.account('configured');
    await h.query(`INSERT INTO reputation (account_id, points) VALUES ($1, 10)`, [contributor]);
    const reply = await h.get(GetReputationUseCase).execute({ contributor_id: contributor });
    expect(reply.thresholds).toEqual({ ...PRIVILEGE_THRESHOLDS, link: 5, flag: 40 });
    expect(reply.privileges).toEqual(['link']);
  });
});
