import { FLAG_CATEGORIES } from '@commontrace/contracts';
import { FlagSignal, independentCount, independentWeight, tallyFlags } from './flag-tally';
import { AccountFacts } from './independence';

const OLD = new Date('2026-01-01T00:00:00Z');
const account = (id: string, origin: string | null, extra: Partial<AccountFacts> = {}): AccountFacts => ({ id, origin, created_by: null, created_at: OLD, fresh: false, ...extra });
const flag = (id: string, origin: string | null, category: FlagSignal['category'], weight = 1, extra: Partial<AccountFacts> = {}): FlagSignal => ({
  account: account(id, origin, extra),
  category,
  weight,
});

describe('tallyFlags', () => {
  it('adds independent flags toward hiding, one per origin, and names the leading category', () => {
    const tally = tallyFlags([flag('a', 'x', 'spam'), flag('b', 'y', 'spam'), flag('c', 'z', 'harmful', 0.5), flag('d', 'x', 'harmful', 0.25)], FLAG_CATEGORIES);
    expect(tally.hideWeight).toBe(2.5);
    expect(tally.byCategory).toEqual({ spam: 2, harmful: 0.75 });
    expect(tally.leading).toBe('spam');
  });

  it('does not count duplicate flags toward hiding', () => {
    const tally = tallyFlags([flag('a', 'x', 'duplicate'), flag('b', 'y', 'duplicate'), flag('c', 'z', 'outdated', 0.125)], FLAG_CATEGORIES);
    expect(tally).toEqual({ hideWeight: 0.125, byCategory: { duplicate: 2, outdated: 0.125 }, leading: 'outdated' });
    expect(tallyFlags([flag('a', 'x', 'duplicate')], FLAG_CATEGORIES).leading).toBeNull();
  });

  it('gives a tie to the category listed first', () => {
    expect(tallyFlags([flag('a', 'x', 'incorrect'), flag('b', 'y', 'spam')], FLAG_CATEGORIES).leading).toBe('spam');
  });
});

describe('independentWeight', () => {
  it('counts the accounts of one origin once, by the heaviest of them', () => {
    const ring = Array.from({ length: 10 }, (_, i) => flag(`fresh-${i}`, 'net-a', 'spam', 0.125));
    expect(independentWeight([...ring, flag('old', 'net-a', 'spam', 1)])).toBe(1);
    expect(independentWeight(ring)).toBe(0.125);
  });

  it('counts accounts one agent registered with its key as that agent', () => {
    const minted = Array.from({ length: 5 }, (_, i) => flag(`minted-${i}`, `net-${i}`, 'spam', 1, { created_by: 'maker' }));
    expect(independentWeight([flag('maker', 'net-m', 'spam', 1), ...minted])).toBe(1);
  });

  it('adds accounts of different origins, and each account without an origin on its own', () => {
    expect(independentWeight([flag('a', 'net-a', 'spam', 1), flag('b', 'net-b', 'spam', 0.5), flag('c', null, 'spam', 0.25), flag('d', null, 'spam', 0.25)])).toBe(2);
    expect(independentWeight([])).toBe(0);
  });

  it('counts independent groups for duplicate-close votes the same way', () => {
    expect(independentCount([account('a', 'x'), account('b', 'x'), account('c', 'y'), account('d', null, { created_by: 'c' })])).toBe(2);
  });
});
