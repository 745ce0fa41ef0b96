import { DomainError, ErrorCode, TraceStandingChanged, TraceVerified } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { ReputationModule } from '../../reputation.module';
import { Fixtures } from '../spec-fixtures';
import { CastVoteUseCase } from '../cast-vote/cast-vote.usecase';
import { RecordVerificationUseCase } from './record-verification.usecase';

describe('RecordVerificationUseCase', () => {
  let h: UseCaseHarness;
  let f: Fixtures;
  let verify: RecordVerificationUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    f = new Fixtures(h);
    verify = h.get(RecordVerificationUseCase);
  }, 60_000);
  afterAll(() => h.close());

  const ENV = { language: 'typescript', runtime: 'node 20.11', packages: { next: '14.1.0' } };
  const worked = (trace_id: string, verifier_id: string, extra = {}) => verify.execute({ trace_id, verifier_id, outcome: 'worked_as_written', environment: ENV, ...extra });
  const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof DomainError ? e.code : String(e)));
  const standings = async (trace: string) =>
    (await h.events<{ trace_id: string; standing: string; source: string }>(TraceStandingChanged.contract.subject)).filter((e) => e.data.trace_id === trace).map((e) => `${e.data.standing}/${e.data.source}`);

  it('needs changes for worked_with_changes (400) and refuses secrets in any field (422)', async () => {
    const trace = await f.trace(await f.account());
    const agent = await f.account();
    expect(await codeOf(verify.execute({ trace_id: trace, verifier_id: agent, outcome: 'worked_with_changes', environment: ENV }))).toBe(ErrorCode.ValidationFailed);
    const key = 'AKIA' + 'QWERTYUIOPASDFGH';
    expect(await codeOf(worked(trace, agent, { error_signature: `denied for ${key}` }))).toBe(ErrorCode.SecretDetected);
    expect(await h.query(`SELECT 1 FROM verifications`)).toHaveLength(0);
  });

  it('updates a repeat on the same environment and adds another environment', async () => {
    const trace = await f.trace(await f.account());
    const agent = await f.established(['docker']);
    const first = await worked(trace, agent);
    const again = await verify.execute({ trace_id: trace, verifier_id: agent, outcome: 'did_not_work', environment: { ...ENV, language: 'TypeScript ' } });
    expect(again.verification.id).toBe(first.verification.id);
    expect(again.trust.verifications).toEqual({ worked_as_written: 0, worked_with_changes: 0, did_not_work: 1 });
    const other = await worked(trace, agent, { environment: { ...ENV, packages: { next: '15.0.0' } } });
    expect(other.verification.id).not.toBe(first.verification.id);
    expect(other.trust).toMatchObject({ independent_agents: 1, verifications: { worked_as_written: 1, did_not_work: 1 } });
  });

  it('records a self-verification without counting it', async () => {
    const owner = await f.account();
    const trace = await f.trace(owner);
    const reply = await worked(trace, owner);
    expect(reply.verification).toMatchObject({ counted: false, weight: 0 });
    expect(reply.trust).toMatchObject({ evidence: 0, label: 'unverified', not_enough_evidence: true, independent_agents: 0 });
    expect((await h.events<{ verification_id: string; counted: boolean }>(TraceVerified.contract.subject)).find((e) => e.data.verification_id === reply.verification.id)?.data.counted).toBe(false);
    expect(await f.points(owner)).toBe(1);
  });

  it('validates after enough independent verifications (young corpus: 2), once, and credits the contributor', async () => {
    const owner = await f.account();
    const trace = await f.trace(owner, { tags: ['next'] });
    const [a, b] = [await f.established(['next']), await f.established(['next'])];
    const elsewhere = await f.trace(await f.account(), { tags: ['next'] });
    await worked(elsewhere, a);
    await worked(elsewhere, b);
    const one = await worked(trace, a);
    expect(one.trust).toMatchObject({ label: 'verified', evidence: 3, environments: [ENV] });
    expect(await standings(trace)).toEqual([]);
    await worked(trace, b);
    await worked(trace, b);
    expect(await standings(trace)).toEqual(['validated/evidence']);
    expect((await f.score(trace)).standing).toBe('validated');
    expect(await f.points(owner)).toBe(11);
  });

  it('offers worked_with_changes as a suggestion, and counts it positive at a reduced weight', async () => {
    const trace = await f.trace(await f.account());
    const reply = await verify.execute({ trace_id: trace, verifier_id: await f.established(['docker']), outcome: 'worked_with_changes', environment: ENV, changes: 'Had to add --legacy-peer-deps.' });
    expect(reply.verification).toMatchObject({ changes: 'Had to add --legacy-peer-deps.', weight: 1.5 });
    expect(reply.trust).toMatchObject({ positive: 1.5, label: 'verified' });
  });

  it('is disputed when failures on the current version outweigh successes', async () => {
    const trace = await f.trace(await f.account(), { tags: ['dispute'] });
    await worked(trace, await f.established(['dispute']));
    await verify.execute({ trace_id: trace, verifier_id: await f.established(['dispute']), outcome: 'did_not_work', environment: ENV });
    const last = await verify.execute({ trace_id: trace, verifier_id: await f.established(['dispute']), outcome: 'did_not_work', environment: ENV });
    expect(last.trust.label).toBe('disputed');
    expect(await standings(trace)).toEqual(['disputed/evidence']);
  });

  it('is stale when it fails on a newer version than it worked on', async () => {
    const trace = await f.trace(await f.account(), { tags: ['stale'] });
    await worked(trace, await f.established(['stale']));
    const last = await verify.execute({ trace_id: trace, verifier_id: await f.established(['stale']), outcome: 'did_not_work', environment: { ...ENV, packages: { next: '15.0.0' } } });
    expect(last.trust.label).toBe('stale');
  });

  it('weighs a vote down after a verification that worked: a verification weighs three votes', async () => {
    const trace = await f.trace(await f.account(), { tags: ['mix'] });
    await worked(trace, await f.established(['mix']));
    const reply = await h.get(CastVoteUseCase).execute({ trace_id: trace, voter_id: await f.established(['mix']), vote_type: 'down', feedback_tag: 'wrong', feedback_text: 'This breaks the build on CI.' });
    expect(reply.trust).toMatchObject({ positive: 3, negative: 1, evidence: 4 });
  });
});

describe('RecordVerificationUseCase once the corpus is no longer young', () => {
  let h: UseCaseHarness;
  let f: Fixtures;
  let verify: RecordVerificationUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule, env: { TRUST_YOUNG_CORPUS_TRACES: '3' } });
    f = new Fixtures(h);
    verify = h.get(RecordVerificationUseCase);
  }, 60_000);
  afterAll(() => h.close());

  const ENV = { language: 'typescript', runtime: 'node 20.11' };
  const worked = (trace_id: string, verifier_id: string) => verify.execute({ trace_id, verifier_id, outcome: 'worked_as_written', environment: ENV });

  it('needs TRUST_VALIDATE_AFTER (3) independent verifications, not the young corpus’s 2', async () => {
    const owner = await f.account();
    const trace = await f.trace(owner, { tags: ['grown'] });
    for (let i = 0; i < 3; i++) await f.trace(await f.account(), { tags: ['grown'] });
    const [a, b, c] = [await f.established(['grown']), await f.established(['grown']), await f.established(['grown'])];
    await worked(trace, a);
    await worked(trace, b);
    expect((await f.score(trace)).standing).toBe('pending');
    await worked(trace, c);
    expect((await f.score(trace)).standing).toBe('validated');
  });
});
