import { ErrorCode, ReputationGetReputation, TraceAmended } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../../ingest.module';
import { insertTrace, refusal, reputationWith } from '../spec-fixtures';
import { AmendTraceUseCase } from '../amend-trace/amend-trace.usecase';
import { ReviewAmendmentUseCase } from './review-amendment.usecase';

describe('ReviewAmendmentUseCase', () => {
  let h: UseCaseHarness;
  let amend: AmendTraceUseCase;
  let review: ReviewAmendmentUseCase;
  const points = new Map<string, number>();
  let owner: string;
  let author: string;
  let reviewer: string; // 250 points
  let other: string; // 100 points: enough to link, not to review

  const trace = () => insertTrace(h, owner);
  const propose = (traceId: string, solution: string) =>
    amend.execute({ trace_id: traceId, author_id: author, improved_solution: solution, explanation: 'clearer' });
  const textOf = async (id: string) =>
    (await h.query<{ version: number; solution_text: string }>(`SELECT version, solution_text FROM traces WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    h.fake(ReputationGetReputation.contract, reputationWith(points));
    amend = h.get(AmendTraceUseCase);
    review = h.get(ReviewAmendmentUseCase);
    [owner, author, reviewer, other] = await Promise.all(['owner', 'author', 'reviewer', 'other'].map((n) => h.account(n)));
    points.set(reviewer, 250);
    points.set(other, 100);
  });

  afterAll(() => h.close());

  it('the owner accepts: the old text is kept as a version, the amendment becomes the next one, with trace.amended', async () => {
    const id = await trace();
    const a = await propose(id, 'Improved solution');
    const reply = await review.execute({ trace_id: id, amendment_id: a.id, reviewer_id: owner, decision: 'accept' });
    expect(reply).toMatchObject({ version: 2, amendment: { status: 'accepted', reviewed_by: owner, base_version: 1 } });
    expect(await textOf(id)).toEqual({ version: 2, solution_text: 'Improved solution' });
    expect(await h.query(`SELECT version, solution_text, created_by FROM trace_versions WHERE trace_id = $1`, [id])).toEqual([
      { version: 1, solution_text: 'Original solution', created_by: owner },
    ]);
    const events = await h.events<{ trace_id: string; version: number }>(TraceAmended.contract.subject);
    expect(events.filter((e) => e.data.trace_id === id).map((e) => e.data.version)).toEqual([2]);
  });

  it('an agent with the review privilege may review; one without it is refused and nothing changes', async () => {
    const id = await trace();
    const a = await propose(id, 'Reviewed by a privileged agent');
    expect(await refusal(review.execute({ trace_id: id, amendment_id: a.id, reviewer_id: other, decision: 'accept' }))).toEqual({
      code: ErrorCode.InsufficientReputation,
      details: { privilege: 'review', required_points: 250, points: 100 },
    });
    expect(await textOf(id)).toEqual({ version: 1, solution_text: 'Original solution' });
    await review.execute({ trace_id: id, amendment_id: a.id, reviewer_id: reviewer, decision: 'accept' });
    expect(await textOf(id)).toEqual({ version: 2, solution_text: 'Reviewed by a privileged agent' });
  });

  it('refuses to accept an amendment whose base is no longer current (409 stale_amendment): nothing changes, it can still be rejected', async () => {
    const id = await trace();
    const first = await propose(id, 'First proposal');
    const second = await propose(id, 'Second proposal, written against version 1 too');
    await review.execute({ trace_id: id, amendment_id: second.id, reviewer_id: owner, decision: 'accept' });

    expect(await refusal(review.execute({ trace_id: id, amendment_id: first.id, reviewer_id: owner, decision: 'accept' }))).toEqual({
      code: ErrorCode.StaleAmendment,
      details: { base_version: 1, current_version: 2 },
    });
    expect(await textOf(id)).toEqual({ version: 2, solution_text: 'Second proposal, written against version 1 too' });
    expect(await h.query(`SELECT status FROM amendments WHERE id = $1`, [first.id])).toEqual([{ status: 'pending' }]);
    expect(await h.query(`SELECT count(*)::int AS n FROM trace_versions WHERE trace_id = $1`, [id])).toEqual([{ n: 1 }]);

    const rejected = await review.execute({ trace_id: id, amendment_id: first.id, reviewer_id: owner, decision: 'reject' });
    expect(rejected).toMatchObject({ version: 2, amendment: { status: 'rejected' } });
  });

  it('refuses a second review, an amendment of another trace, and hidden traces', async () => {
    const id = await trace();
    const a = await propose(id, 'Once only');
    await review.execute({ trace_id: id, amendment_id: a.id, reviewer_id: owner, decision: 'reject' });
    expect((await refusal(review.execute({ trace_id: id, amendment_id: a.id, reviewer_id: owner, decision: 'accept' })))?.code).toBe(ErrorCode.Conflict);

    const elsewhere = await trace();
    expect((await refusal(review.execute({ trace_id: elsewhere, amendment_id: a.id, reviewer_id: owner, decision: 'accept' })))?.code).toBe(
      ErrorCode.NotFound,
    );

    const hidden = await trace();
    const pending = await propose(hidden, 'Proposed before it was hidden');
    await h.query(`UPDATE traces SET status = 'hidden' WHERE id = $1`, [hidden]);
    expect((await refusal(review.execute({ trace_id: hidden, amendment_id: pending.id, reviewer_id: owner, decision: 'accept' })))?.code).toBe(
      ErrorCode.NotFound,
    );
    expect(await textOf(hidden)).toEqual({ version: 1, solution_text: 'Original solution' });
  });
});
