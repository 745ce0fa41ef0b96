import fc from 'fast-check';
import { freshnessFactor, halfLifeFor } from './freshness-factor';
import { DEFAULT_RANKING_WEIGHTS, rankingWeights } from './ranking-weights';

const NOW = new Date('2026-06-01T00:00:00Z');
const yearsAgo = (y: number) => new Date(NOW.getTime() - y * 365 * 86_400_000);
const { floor } = DEFAULT_RANKING_WEIGHTS.freshness;

describe('freshnessFactor', () => {
  it('is 1 for a trace of today, and for one dated in the future', () => {
    expect(freshnessFactor({ created_at: NOW }, NOW).multiplier).toBe(1);
    expect(freshnessFactor({ created_at: new Date(NOW.getTime() + 86_400_000) }, NOW).multiplier).toBe(1);
  });

  it('decays faster for a react trace than for a postgres one of the same age', () => {
    const react = freshnessFactor({ tags: ['react', 'hooks'], created_at: yearsAgo(2) }, NOW);
    const postgres = freshnessFactor({ tags: ['postgresql', 'indexing'], created_at: yearsAgo(2) }, NOW);
    expect(react.technology).toBe('react');
    expect(postgres.technology).toBe('postgresql');
    expect(react.half_life_days).toBeLessThan(postgres.half_life_days);
    expect(react.multiplier).toBeLessThan(postgres.multiplier);
    // One half-life of react: halfway between 1 and the floor.
    const atHalfLife = freshnessFactor({ framework: 'react', created_at: yearsAgo(1) }, NOW).multiplier;
    expect(atHalfLife).toBeCloseTo(floor + (1 - floor) / 2, 6);
  });

  it('measures from the later of updated_at and the last positive verification', () => {
    const old = { tags: ['vite'], created_at: yearsAgo(3), updated_at: yearsAgo(3) };
    const stale = freshnessFactor(old, NOW);
    const verified = freshnessFactor({ ...old, last_verified_at: NOW.toISOString() }, NOW);
    const edited = freshnessFactor({ ...old, updated_at: yearsAgo(0.5) }, NOW);
    expect(stale.multiplier).toBeLessThan(0.7);
    expect(verified.multiplier).toBe(1);
    expect(verified.reference).toBe(NOW.toISOString());
    expect(edited.multiplier).toBeGreaterThan(stale.multiplier);
    expect(edited.age_days).toBeCloseTo(182.5, 1);
  });

  it('never goes below the floor: old knowledge sinks, never vanishes', () => {
    expect(freshnessFactor({ tags: ['next.js'], created_at: yearsAgo(50) }, NOW).multiplier).toBeCloseTo(floor, 6);
    expect(freshnessFactor({ tags: ['next.js'], created_at: yearsAgo(50) }, NOW, rankingWeights({ freshness: { floor: 0.2 } })).multiplier).toBeCloseTo(0.2, 6);
  });

  it('takes the fastest technology a trace names, and the default when it names none', () => {
    expect(halfLifeFor({ tags: ['postgresql', 'next.js'], language: 'typescript' }).technology).toBe('next.js');
    expect(halfLifeFor({ language: 'Python' })).toEqual({ technology: 'python', half_life_days: DEFAULT_RANKING_WEIGHTS.freshness.halfLifeDays['python'] });
    expect(halfLifeFor({ tags: ['linux'] }).half_life_days).toBeGreaterThanOrEqual(4 * 365);
    expect(halfLifeFor({ tags: ['made-up', 'constructor', '__proto__'] })).toEqual({ technology: null, half_life_days: DEFAULT_RANKING_WEIGHTS.freshness.defaultHalfLifeDays });
  });

  it('treats unreadable dates as unknown (neutral), not as an error', () => {
    expect(freshnessFactor({ created_at: 'not a date', updated_at: null }, NOW)).toMatchObject({ multiplier: 1, reference: null });
  });

  it('property: in [floor, 1], and never fresher for an older trace', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 40, noNaN: true }), fc.double({ min: 0, max: 40, noNaN: true }), fc.constantFrom('react', 'go', 'linux', 'other'), (a, b, tag) => {
        const [younger, older] = a <= b ? [a, b] : [b, a];
        const fy = freshnessFactor({ tags: [tag], created_at: yearsAgo(younger) }, NOW).multiplier;
        const fo = freshnessFactor({ tags: [tag], created_at: yearsAgo(older) }, NOW).multiplier;
        for (const f of [fy, fo]) {
          expect(f).toBeGreaterThanOrEqual(floor);
          expect(f).toBeLessThanOrEqual(1);
        }
        expect(fo).toBeLessThanOrEqual(fy);
      }),
    );
  });
});
