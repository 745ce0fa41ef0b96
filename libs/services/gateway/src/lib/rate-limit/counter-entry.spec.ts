import { advanced, atLimit, countsOf, entryOf, parseCounts } from './counter-entry';
import { countersFor } from './limits';

const T = Date.UTC(2026, 11, 7, 10, 30, 15);

describe('rate-limit entries', () => {
  const [minute, day] = countersFor('acc', 'read', { minute: 2, day: 3 }, T);

  it("keeps a request's counters under its day counter's key", () => {
    expect(entryOf([minute, day])).toEqual({ key: day.key, window: 'day' });
    expect(entryOf([day, minute])).toEqual({ key: day.key, window: 'day' });
  });

  it('adds one to every counter and refuses at the first limit reached', () => {
    const once = advanced({}, [minute, day], T);
    expect(countsOf([minute, day], once)).toEqual([1, 1]);
    const twice = advanced(once, [minute, day], T);
    expect(countsOf([minute, day], twice)).toEqual([2, 2]);
    expect(atLimit([minute, day], once)).toBe(false);
    expect(atLimit([minute, day], twice)).toBe(true);
  });

  it("drops the counts of windows that have ended and keeps the day's", () => {
    const counts = advanced(advanced({}, [minute, day], T), [minute, day], T);
    const later = T + 60_000;
    const [nextMinute] = countersFor('acc', 'read', { minute: 2, day: 3 }, later);
    const next = advanced(counts, [nextMinute, day], later);
    expect(Object.keys(next).sort()).toEqual([day.key, nextMinute.key].sort());
    expect(countsOf([nextMinute, day], next)).toEqual([1, 3]);
  });

  it("keeps a minute that has not ended when a request of the minute before writes last", () => {
    const later = T + 60_000;
    const [nextMinute] = countersFor('acc', 'read', { minute: 2, day: 3 }, later);
    const counts = advanced({}, [nextMinute, day], later);
    // A request that began in the earlier minute, written after the new minute's first.
    const late = advanced(counts, [minute, day], later - 1);
    expect(countsOf([nextMinute, day], late)).toEqual([1, 2]);
  });

  it('reads a bare number, written before counters were kept together, as the day count', () => {
    expect(countsOf([minute, day], parseCounts('7', day.key, [minute, day]))).toEqual([0, 7]);
  });

  it('reads anything malformed as empty, and drops malformed counts', () => {
    for (const value of ['', 'x', 'null', '[]', '-3', '1.5', '"7"']) expect(parseCounts(value, day.key, [minute, day])).toEqual({});
    const value = JSON.stringify({ [day.key]: { n: 4, end: day.end }, [minute.key]: { n: 'x', end: 1 }, other: null });
    expect(parseCounts(value, day.key, [minute, day])).toEqual({ [day.key]: { n: 4, end: day.end } });
  });
});
