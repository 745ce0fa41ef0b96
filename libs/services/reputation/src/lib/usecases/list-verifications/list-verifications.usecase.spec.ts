import { DomainError, ErrorCode } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { ReputationModule } from '../../reputation.module';
import { RecordVerificationUseCase } from '../record-verification/record-verification.usecase';
import { Fixtures } from '../spec-fixtures';
import { ListVerificationsUseCase } from './list-verifications.usecase';

describe('ListVerificationsUseCase', () => {
  let h: UseCaseHarness;
  let f: Fixtures;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    f = new Fixtures(h);
  }, 60_000);
  afterAll(() => h.close());

  it('lists verifications newest first with their changes, self-verifications marked not counted', async () => {
    const owner = await f.account();
    const trace = await f.trace(owner);
    const record = h.get(RecordVerificationUseCase);
    await record.execute({ trace_id: trace, verifier_id: owner, outcome: 'worked_as_written', environment: { os: 'linux' } });
    await record.execute({ trace_id: trace, verifier_id: await f.account(), outcome: 'worked_with_changes', environment: { os: 'macos' }, changes: 'Use brew install instead.' });
    await record.execute({ trace_id: trace, verifier_id: await f.account(), outcome: 'did_not_work', environment: { os: 'windows' }, error_signature: 'EACCES' });
    const list = h.get(ListVerificationsUseCase);
    const first = await list.execute({ trace_id: trace, limit: 2 });
    expect(first.verifications.map((v) => [v.outcome, v.changes, v.error_signature])).toEqual([
      ['did_not_work', null, 'EACCES'],
      ['worked_with_changes', 'Use brew install instead.', null],
    ]);
    const rest = await list.execute({ trace_id: trace, limit: 2, cursor: first.next_cursor ?? undefined });
    expect(rest.verifications).toEqual([expect.objectContaining({ verifier_id: owner, counted: false })]);
    expect(rest.next_cursor).toBeNull();
  });

  it('answers 404 for an unknown trace', async () => {
    const error = await h.get(ListVerificationsUseCase).execute({ trace_id: randomUUID() }).catch((e) => e);
    expect((error as DomainError).code).toBe(ErrorCode.NotFound);
  });
});
