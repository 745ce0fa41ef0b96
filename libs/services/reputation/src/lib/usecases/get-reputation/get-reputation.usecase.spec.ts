import { DomainError, ErrorCode } from '@commontrace/contracts';
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

  it('gives a new contributor the starting points and no traces', async () => {
    const contributor = await h.account('new');
    expect(await getReputation.execute({ contributor_id: contributor })).toEqual({
      contributor_id: contributor,
      points: STARTING_POINTS,
      traces_contributed: 0,
    });
  });

  it('reports the stored points and counts only this contributor’s traces', async () => {
    const contributor = await h.account('established');
    const other = await h.account('other');
    await h.query(`INSERT INTO reputation (account_id, points) VALUES ($1, 137)`, [contributor]);
    await contribute(contributor, 1);
    await contribute(contributor, 2);
    await contribute(other, 3);
    expect(await getReputation.execute({ contributor_id: contributor })).toEqual({
      contributor_id: contributor,
      points: 137,
      traces_contributed: 2,
    });
  });

  it('answers not_found for an unknown contributor', async () => {
    const error = await getReputation.execute({ contributor_id: randomUUID() }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.NotFound);
  });
});
