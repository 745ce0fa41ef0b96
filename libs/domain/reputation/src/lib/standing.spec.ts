import { decideStanding, validateAfter } from './standing';
import { ScoredSignal } from './trust-summary';

const NOW = new Date('2026-06-01T00:00:00Z');
let n = 0;
const sig = (group: string, over: Partial<ScoredSignal>): ScoredSignal => ({
  id: `s${n++}`, kind: 'verification', accountId: group, group, direction: 1, outcome: 'worked_as_written', domainReputation: 1,
  environmentMatches: true, at: NOW, traceVersion: 2, weight: 3, environment: { packages: { next: '14.1.0' } }, ...over,
});
const failed = (group: string, over: Partial<ScoredSignal> = {}) => sig(group, { direction: -1, outcome: 'did_not_work', ...over });

describe('decideStanding', () => {
  it('is pending without enough independent verifications, validated with them', () => {
    expect(decideStanding([sig('a', {}), sig('a', {})], 2, 2).standing).toBe('pending');
    expect(decideStanding([sig('a', {}), sig('b', {})], 2, 2).standing).toBe('validated');
  });

  it('counts only verifications of the current version', () => {
    expect(decideStanding([sig('a', {}), sig('b', { traceVersion: 1 })], 2, 2).standing).toBe('pending');
  });

  it('is disputed when failures on the current version outweigh successes', () => {
    expect(decideStanding([sig('a', {}), failed('b'), failed('c')], 2, 2).standing).toBe('disputed');
    expect(decideStanding([sig('a', {}), failed('b')], 2, 2).standing).toBe('pending');
  });

  it('is stale when it fails on versions newer than any it worked on', () => {
    const decision = decideStanding([sig('a', {}), sig('b', {}), sig('c', {}), failed('d', { environment: { packages: { next: '15.0.0' } } })], 2, 2);
    expect(decision.standing).toBe('stale');
  });

  it('is stale when most down votes say outdated and outweigh the up votes', () => {
    const down = (g: string, tag: string) => sig(g, { kind: 'vote', direction: -1, outcome: null, feedbackTag: tag, weight: 1 });
    expect(decideStanding([down('a', 'outdated'), down('b', 'outdated'), down('c', 'wrong')], 2, 2).standing).toBe('stale');
    expect(decideStanding([down('a', 'wrong'), down('b', 'wrong'), down('c', 'outdated')], 2, 2).standing).toBe('pending');
  });
});

describe('validateAfter', () => {
  it('asks less of a young corpus', () => {
    expect(validateAfter(10)).toBe(2);
    expect(validateAfter(5000)).toBe(3);
    expect(validateAfter(10, 5, 1, 100)).toBe(1);
  });
});
