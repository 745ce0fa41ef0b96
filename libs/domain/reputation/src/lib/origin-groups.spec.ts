import { onePerOrigin, weightByOrigin } from './origin-groups';

describe('origin groups', () => {
  it('counts accounts of one origin once, by the heaviest of them', () => {
    const ring = Array.from({ length: 10 }, (_, i) => ({ accountId: `fresh-${i}`, origin: 'net-a', weight: 0.125 }));
    expect(weightByOrigin([...ring, { accountId: 'old', origin: 'net-a', weight: 1 }])).toBe(1);
    expect(weightByOrigin(ring)).toBe(0.125);
  });

  it('adds accounts of different origins, and each account without an origin on its own', () => {
    expect(
      weightByOrigin([
        { accountId: 'a', origin: 'net-a', weight: 1 },
        { accountId: 'b', origin: 'net-b', weight: 0.5 },
        { accountId: 'c', origin: null, weight: 0.25 },
        { accountId: 'd', origin: null, weight: 0.25 },
      ]),
    ).toBe(2);
    expect(weightByOrigin([])).toBe(0);
  });

  it('keeps the heaviest signal of each origin itself', () => {
    const kept = onePerOrigin([
      { accountId: 'a', origin: 'x', weight: 0.2, tag: 'first' },
      { accountId: 'b', origin: 'x', weight: 0.9, tag: 'heaviest' },
    ]);
    expect(kept.map((s) => s.tag)).toEqual(['heaviest']);
  });
});
