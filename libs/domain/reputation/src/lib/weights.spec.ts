import { NEW_AGENT_WEIGHT } from './signal-weight';
import { baseWeight, decayFactor, domainReputationFor, MISMATCH_FACTOR, VERIFICATION_WEIGHT, WITH_CHANGES_FACTOR } from './weights';

const vote = { kind: 'vote' as const, direction: 1 as const, domainReputation: 1, environmentMatches: true };

describe('domainReputationFor', () => {
  it('takes the best Wilson score over the trace tags, 0 without any', () => {
    expect(domainReputationFor(['a', 'b'], new Map([['b', 0.4], ['c', 0.9]]))).toBe(0.4);
    expect(domainReputationFor(['a'], {})).toBe(0);
    expect(domainReputationFor([], { a: 1 })).toBe(0);
  });
});

describe('baseWeight', () => {
  it('weighs an established vote 1 and a new agent an eighth', () => {
    expect(baseWeight(vote)).toBe(1);
    expect(baseWeight({ ...vote, domainReputation: 0 })).toBe(NEW_AGENT_WEIGHT);
  });
  it('weighs a verification more, with changes less, and a mismatched negative less', () => {
    expect(baseWeight({ ...vote, kind: 'verification', outcome: 'worked_as_written' })).toBe(VERIFICATION_WEIGHT);
    expect(baseWeight({ ...vote, kind: 'verification', outcome: 'worked_with_changes' })).toBe(VERIFICATION_WEIGHT * WITH_CHANGES_FACTOR);
    expect(baseWeight({ ...vote, direction: -1, environmentMatches: false })).toBe(MISMATCH_FACTOR);
    expect(baseWeight({ ...vote, direction: 1, environmentMatches: false })).toBe(1);
  });
});

describe('decayFactor', () => {
  it('halves every half-life', () => {
    expect(decayFactor(0)).toBe(1);
    expect(decayFactor(365 * 86_400_000)).toBeCloseTo(0.5, 10);
    expect(decayFactor(2 * 10 * 86_400_000, 10)).toBeCloseTo(0.25, 10);
    expect(decayFactor(-5)).toBe(1);
  });
});
