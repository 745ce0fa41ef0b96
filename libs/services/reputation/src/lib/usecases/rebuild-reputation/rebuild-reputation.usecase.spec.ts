import { UseCaseHarness } from '@commontrace/testing';
import { ReputationModule } from '../../reputation.module';
import { CastVoteUseCase } from '../cast-vote/cast-vote.usecase';
import { RecordVerificationUseCase } from '../record-verification/record-verification.usecase';
import { Fixtures } from '../spec-fixtures';
import { RebuildReputationUseCase } from './rebuild-reputation.usecase';

describe('RebuildReputationUseCase', () => {
  let h: UseCaseHarness;
  let f: Fixtures;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    f = new Fixtures(h);
  }, 60_000);
  afterAll(() => h.close());

  const snapshot = async () => ({
    points: await h.query(`SELECT account_id, points FROM reputation ORDER BY 1`),
    entries: await h.query(`SELECT account_id, source_key, delta FROM reputation_events ORDER BY 1, 2`),
    domain: await h.query(`SELECT account_id, tag, up, down, wilson FROM domain_reputation ORDER BY 1, 2`),
    scores: (await h.query<{ trace_id: string; summary: Record<string, unknown>; standing: string }>(`SELECT trace_id, summary, standing FROM trace_scores ORDER BY 1`)).map(
      (r) => ({ ...r, summary: { ...r.summary, score: Number(r.summary['score'] ?? 0).toFixed(3), evidence: Number(r.summary['evidence']).toFixed(3) } }),
    ),
  });

  it('recomputes points, ledger entries, domain reputation and trust from the votes and verifications; twice gives the same', async () => {
    const [c1, c2] = [await f.account(), await f.account()];
    const [t1, t2] = [await f.trace(c1, { tags: ['rb'] }), await f.trace(c2, { tags: ['rb'] })];
    const vote = h.get(CastVoteUseCase);
    const verify = h.get(RecordVerificationUseCase);
    for (let i = 0; i < 4; i++) {
      const agent = await f.account();
      await vote.execute({ trace_id: t1, voter_id: agent, vote_type: i === 3 ? 'down' : 'up', feedback_tag: i === 3 ? 'outdated' : undefined, feedback_text: 'A reason that is long enough.' });
      await verify.execute({ trace_id: t2, verifier_id: agent, outcome: 'worked_as_written', environment: { os: `os-${i}` } });
    }
    const truth = await snapshot();

    // Drift: wrong points, a lost entry, an orphan entry, a wrong score and domain reputation.
    await h.query(`UPDATE reputation SET points = 999 WHERE account_id = $1`, [c1]);
    await h.query(`DELETE FROM reputation_events WHERE account_id = $1 AND source_key LIKE 'verification:%' AND ctid IN (SELECT ctid FROM reputation_events WHERE account_id = $1 LIMIT 1)`, [c2]);
    await h.query(`INSERT INTO reputation_events (account_id, source_key, reason, delta) VALUES ($1, 'vote:00000000-0000-0000-0000-000000000000', 'upvote_received', 10)`, [c1]);
    await h.query(`UPDATE trace_scores SET summary = '{"score": 0.99, "evidence": 42}', standing = 'stale'`);
    await h.query(`UPDATE domain_reputation SET up = 77, wilson = 0.9`);

    const rebuild = h.get(RebuildReputationUseCase);
    const first = await rebuild.execute();
    expect(first).toMatchObject({ traces: 2, removed_entries: 1 });
    const after = await snapshot();
    expect(after).toEqual(truth);
    await rebuild.execute();
    expect(await snapshot()).toEqual(after);
  }, 60_000);
});
