import { ReputationChanged } from '@commontrace/contracts';
import { UnitOfWork } from '@commontrace/messaging';
import { UseCaseHarness } from '@commontrace/testing';
import { ReputationModule } from '../reputation.module';
import { Ledger, LedgerEntry, pointsOf, POINTS } from './ledger';

describe('Ledger', () => {
  let h: UseCaseHarness;
  let ledger: Ledger;
  let uow: UnitOfWork;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule });
    ledger = h.get(Ledger);
    uow = h.get(UnitOfWork);
  });
  afterAll(() => h.close());

  const set = (...entries: LedgerEntry[]) => uow.run((tx) => ledger.set(tx, entries));
  const points = async (id: string) => (await h.query<{ points: number }>(`SELECT points FROM reputation WHERE account_id = $1`, [id]))[0]?.points;

  it('keeps points at one plus the sum of the entries, never below one', async () => {
    expect(pointsOf(0)).toBe(1);
    expect(pointsOf(-50)).toBe(1);
    const a = await h.account('a');
    await set({ accountId: a, sourceKey: 'vote:1', reason: 'upvote_received', delta: POINTS.upvote_received });
    await set({ accountId: a, sourceKey: 'vote:2', reason: 'downvote_received', delta: POINTS.downvote_received });
    expect(await points(a)).toBe(9);
    await set({ accountId: a, sourceKey: 'spam:1', reason: 'removed_as_spam', delta: POINTS.removed_as_spam });
    expect(await points(a)).toBe(1);
  });

  it('replaces an entry of the same source instead of stacking it, and removes it at 0', async () => {
    const a = await h.account('changer');
    for (let i = 0; i < 25; i++) {
      const up = i % 2 === 0;
      await set({ accountId: a, sourceKey: 'vote:x', reason: up ? 'upvote_received' : 'downvote_received', delta: up ? 10 : -2 });
    }
    expect(await points(a)).toBe(11);
    expect(await h.query(`SELECT count(*)::int AS n FROM reputation_events WHERE account_id = $1`, [a])).toEqual([{ n: 1 }]);
    await set({ accountId: a, sourceKey: 'vote:x', reason: 'upvote_received', delta: 0 });
    expect(await points(a)).toBe(1);
  });

  it('emits reputation.changed only when the points move', async () => {
    const a = await h.account('evented');
    await set({ accountId: a, sourceKey: 'amendment:1', reason: 'amendment_accepted', delta: 5, traceId: undefined });
    await set({ accountId: a, sourceKey: 'amendment:1', reason: 'amendment_accepted', delta: 5 });
    const mine = (await h.events<ReputationChanged.ReputationChangedEvent>(ReputationChanged.contract.subject)).filter((e) => e.data.account_id === a);
    expect(mine.map((e) => [e.data.previous_points, e.data.points, e.data.reason])).toEqual([[1, 6, 'amendment_accepted']]);
  });

  it('leaves exact points when many transactions credit one account at once', async () => {
    const a = await h.account('popular');
    const b = await h.account('other');
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        set(
          { accountId: a, sourceKey: `vote:${i}`, reason: 'upvote_received', delta: 10 },
          { accountId: b, sourceKey: `vote:${i}`, reason: 'upvote_received', delta: 10 },
        ),
      ),
    );
    expect(await points(a)).toBe(301);
    expect(await points(b)).toBe(301);
  });
});
