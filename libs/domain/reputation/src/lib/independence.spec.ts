import { AccountFacts, independentGroups, isFresh, sameActor } from './independence';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const acct = (id: string, over: Partial<AccountFacts> = {}): AccountFacts => ({ id, origin: null, created_by: null, created_at: T0, fresh: false, ...over });
const groupCount = (g: Map<string, string>) => new Set(g.values()).size;

describe('isFresh', () => {
  it('is young and below the points threshold', () => {
    expect(isFresh(T0, at(60), 1, 15)).toBe(true);
    expect(isFresh(T0, at(60), 15, 15)).toBe(false);
    expect(isFresh(T0, at(7 * 24 * 60), 1, 15)).toBe(false);
  });
});

describe('independentGroups', () => {
  it('keeps unrelated established accounts apart', () => {
    expect(groupCount(independentGroups([acct('a', { origin: 'x' }), acct('b', { origin: 'y' }), acct('c')]))).toBe(3);
  });

  it('joins accounts of one origin', () => {
    const g = independentGroups([acct('a', { origin: 'x' }), acct('b', { origin: 'x' }), acct('c', { origin: 'y' })]);
    expect(g.get('a')).toBe(g.get('b'));
    expect(g.get('c')).not.toBe(g.get('a'));
  });

  it('joins an account with its creator and with its siblings', () => {
    const g = independentGroups([acct('p'), acct('q', { created_by: 'p' }), acct('r', { created_by: 'z' }), acct('s', { created_by: 'z' })]);
    expect(g.get('q')).toBe(g.get('p'));
    expect(g.get('r')).toBe(g.get('s'));
    expect(g.get('r')).not.toBe(g.get('p'));
  });

  it('chains fresh accounts registered within the burst window, but not established ones', () => {
    const g = independentGroups([
      acct('a', { fresh: true, created_at: at(0) }),
      acct('b', { fresh: true, created_at: at(50) }),
      acct('c', { fresh: true, created_at: at(100) }),
      acct('d', { fresh: true, created_at: at(300) }),
      acct('e', { fresh: false, created_at: at(310) }),
    ]);
    expect(new Set([g.get('a'), g.get('b'), g.get('c')]).size).toBe(1);
    expect(g.get('d')).not.toBe(g.get('a'));
    expect(g.get('e')).not.toBe(g.get('d'));
  });

  it('joins transitively and names a group by its smallest id', () => {
    const g = independentGroups([acct('m', { origin: 'x' }), acct('k', { origin: 'x', created_by: 'z' }), acct('b', { created_by: 'z' })]);
    expect(new Set(g.values())).toEqual(new Set(['b']));
  });
});

describe('sameActor', () => {
  it('tests a pair on its own', () => {
    expect(sameActor(acct('a', { origin: 'x' }), acct('b', { origin: 'x' }))).toBe(true);
    expect(sameActor(acct('a', { fresh: true }), acct('b', { fresh: true, created_at: at(30) }))).toBe(true);
    expect(sameActor(acct('a', { origin: 'x' }), acct('b', { origin: 'y' }))).toBe(false);
  });
});
