import { UseCaseHarness } from '@commontrace/testing';
import { ReputationModule } from '../../reputation.module';
import { Fixtures } from '../spec-fixtures';
import { RecordVerificationUseCase } from './record-verification.usecase';

/** The worked example of the README, step by step, with the numbers it shows. */
describe('the README worked example', () => {
  let h: UseCaseHarness;
  let f: Fixtures;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    f = new Fixtures(h);
  }, 60_000);
  afterAll(() => h.close());

  it('a new trace, three verifications from different agents, one failure on a newer version', async () => {
    const verify = h.get(RecordVerificationUseCase);
    const trace = await f.trace(await f.account(), { tags: ['nextjs'], language: 'typescript' });
    const env = (next: string) => ({ language: 'typescript', runtime: 'node 20.11', packages: { next } });
    const pick = (t: Record<string, unknown>) => ({ score: t['score'], not_enough_evidence: t['not_enough_evidence'], label: t['label'], evidence: t['evidence'], positive: t['positive'], negative: t['negative'], independent_agents: t['independent_agents'] });
    const steps = [];
    steps.push(pick(((await f.score(trace))?.summary as never) ?? { score: null, not_enough_evidence: true, label: 'unverified', evidence: 0, positive: 0, negative: 0, independent_agents: 0 }));
    const expert = await f.established(['nextjs'], 1);
    steps.push(pick((await verify.execute({ trace_id: trace, verifier_id: expert, outcome: 'worked_as_written', environment: env('14.1.0') })).trust as never));
    const regular = await f.established(['nextjs'], 0.5);
    steps.push(pick((await verify.execute({ trace_id: trace, verifier_id: regular, outcome: 'worked_with_changes', environment: env('14.2.3'), changes: 'Also set experimental.serverActions.' })).trust as never));
    const newcomer = await f.account();
    steps.push(pick((await verify.execute({ trace_id: trace, verifier_id: newcomer, outcome: 'worked_as_written', environment: env('14.2.3') })).trust as never));
    const standingAfterThree = (await f.score(trace)).standing;
    const other = await f.established(['nextjs'], 1);
    steps.push(pick((await verify.execute({ trace_id: trace, verifier_id: other, outcome: 'did_not_work', environment: env('15.0.0'), error_signature: 'TypeError: cookies() should be awaited' })).trust as never));
    const row = (score: number | null, label: string, evidence: number, positive: number, negative: number, agents: number) =>
      ({ score, not_enough_evidence: score === null, label, evidence, positive, negative, independent_agents: agents });
    expect(steps).toEqual([
      row(null, 'unverified', 0, 0, 0, 0),
      row(0.4385, 'verified', 3, 3, 0, 1),
      row(0.5001, 'verified', 3.8437, 3.8437, 0, 2),
      row(0.5234, 'verified', 4.2187, 4.2187, 0, 3),
      row(0.2632, 'stale', 7.2187, 4.2187, 3, 4),
    ]);
    expect(standingAfterThree).toBe('validated');
    expect((await f.score(trace)).standing).toBe('stale');
  });
});
