import { TraceStandingChanged } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { ReputationModule } from '../../reputation.module';
import { CastVoteUseCase } from '../cast-vote/cast-vote.usecase';
import { RecordVerificationUseCase } from '../record-verification/record-verification.usecase';
import { Fixtures } from '../spec-fixtures';
import { RescoreTracesUseCase } from './rescore-traces.usecase';

const YEAR_MS = 365 * 86_400_000;

describe('RescoreTracesUseCase', () => {
  let h: UseCaseHarness;
  let f: Fixtures;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    f = new Fixtures(h);
  }, 60_000);
  afterAll(() => h.close());

  it('applies decay to scores older than the configured age, and leaves fresh ones alone', async () => {
    const trace = await f.trace(await f.account(), { tags: ['decay'] });
    await h.get(CastVoteUseCase).execute({ trace_id: trace, voter_id: await f.established(['decay']), vote_type: 'up', feedback_text: 'Still the right fix.' });
    expect((await f.score(trace)).summary.positive).toBe(1);
    await h.query(`UPDATE votes SET updated_at = now() - interval '365 days' WHERE trace_id = $1`, [trace]);
    const rescore = h.get(RescoreTracesUseCase);
    expect(await rescore.execute({ olderThanMs: 60_000 })).toEqual({ rescored: 0 });
    await h.query(`UPDATE trace_scores SET updated_at = now() - interval '2 days' WHERE trace_id = $1`, [trace]);
    expect(await rescore.execute({ olderThanMs: 86_400_000 })).toEqual({ rescored: 1 });
    expect((await f.score(trace)).summary.positive).toBeCloseTo(0.5, 3);
  });

  it('two sweeps at once give the same result as one, and emit each standing change once', async () => {
    const verify = h.get(RecordVerificationUseCase);
    const traces: string[] = [];
    for (let i = 0; i < 12; i++) {
      const trace = await f.trace(await f.account(), { tags: ['sweep'] });
      for (let j = 0; j < 2; j++) await verify.execute({ trace_id: trace, verifier_id: await f.established(['sweep']), outcome: 'worked_as_written', environment: { os: 'linux' } });
      traces.push(trace);
    }
    // Pretend the scores are old and their standing was never decided: a sweep must validate them.
    await h.query(`UPDATE trace_scores SET standing = 'pending', updated_at = now() - interval '2 days' WHERE trace_id = ANY($1)`, [traces]);
    await h.query(`DELETE FROM outbox WHERE subject = $1`, [TraceStandingChanged.contract.subject]);
    const rescore = h.get(RescoreTracesUseCase);
    const [a, b] = await Promise.all([rescore.execute({ olderThanMs: YEAR_MS / 365 }), rescore.execute({ olderThanMs: YEAR_MS / 365 })]);
    expect(a.rescored + b.rescored).toBe(12);
    const events = await h.events<{ trace_id: string; standing: string; source: string }>(TraceStandingChanged.contract.subject);
    expect(events.map((e) => e.data.trace_id).sort()).toEqual([...traces].sort());
    expect(new Set(events.map((e) => `${e.data.standing}/${e.data.source}`))).toEqual(new Set(['validated/evidence']));
    expect(await rescore.execute({ olderThanMs: YEAR_MS / 365 })).toEqual({ rescored: 0 });
  }, 60_000);

  it('keeps a hidden standing: evidence never unhides', async () => {
    const trace = await f.trace(await f.account(), { tags: ['hidden'] });
    await h.get(CastVoteUseCase).execute({ trace_id: trace, voter_id: await f.established(['hidden']), vote_type: 'up', feedback_text: 'Works as described.' });
    await h.query(`UPDATE trace_scores SET standing = 'hidden', updated_at = now() - interval '2 days' WHERE trace_id = $1`, [trace]);
    await h.get(RescoreTracesUseCase).execute({ olderThanMs: 60_000 });
    expect((await f.score(trace)).standing).toBe('hidden');
  });
});
