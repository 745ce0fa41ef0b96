import { FLAG_CATEGORIES } from '@commontrace/contracts';
import { FlagSignal, tallyFlags } from './flag-tally';

const flag = (accountId: string, origin: string | null, category: FlagSignal['category'], weight = 1): FlagSignal => ({ accountId, origin, category, weight });

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
