import fc from 'fast-check';
import { emptyTrustSummary } from '@commontrace/domain-reputation';
import { evidenceTrust, newTrust } from './ranking-fixtures';
import { DEFAULT_RANKING_WEIGHTS } from './ranking-weights';
import { isBuried, trustFactor } from './trust-factor';

const { max, floor } = DEFAULT_RANKING_WEIGHTS.trust;

describe('trustFactor', () => {
  it('is neutral for a trace without enough evidence, even if what little there is is negative', () => {
    expect(trustFactor(emptyTrustSummary())).toMatchObject({ multiplier: 1, new: true });
    expect(trustFactor(newTrust()).multiplier).toBe(1);
    expect(trustFactor(evidenceTrust(0, 0.5)).multiplier).toBe(1);
  });

  it('lifts a trace with positive evidence, more with more, never above the maximum', () => {
    const one = trustFactor(evidenceTrust(1, 0)).multiplier;
    const nine = trustFactor(evidenceTrust(9, 0)).multiplier;
    const many = trustFactor(evidenceTrust(10_000, 0)).multiplier;
    expect(one).toBeGreaterThan(1);
    expect(nine).toBeGreaterThan(one);
    expect(many).toBeGreaterThan(nine);
    expect(many).toBeLessThanOrEqual(max);
    expect(many).toBeGreaterThan(max - 0.01);
  });

  it('sinks a trace that did not work for many well below an otherwise equal one', () => {
    const worked = trustFactor(evidenceTrust(6, 0));
    const failedForMany = trustFactor(evidenceTrust(6, 9));
    expect(failedForMany.did_not_work).toBe(9);
    expect(failedForMany.negative_bound).toBeGreaterThan(0.3);
    expect(failedForMany.multiplier).toBeLessThan(0.75 * worked.multiplier);
    expect(failedForMany.multiplier).toBeLessThan(1);
    expect(trustFactor(evidenceTrust(0, 10_000)).multiplier).toBeCloseTo(floor, 2);
  });

  it('shows its inputs for explain', () => {
    const t = trustFactor(evidenceTrust(3, 1));
    expect(t).toMatchObject({ new: false, positive: 3, negative: 1, did_not_work: 1 });
    expect(t.positive_bound).toBeGreaterThan(0);
    expect(t.negative_bound).toBeGreaterThan(0);
  });

  it('exposes burial as a predicate for the caller to drop', () => {
    expect(isBuried({ buried: true })).toBe(true);
    expect(isBuried({ buried: false })).toBe(false);
    expect(isBuried(null)).toBe(false);
  });

  const weight = fc.double({ min: 0, max: 1000, noNaN: true });

  it('property: always in [floor, max]', () => {
    fc.assert(
      fc.property(weight, weight, fc.boolean(), (p, n, thin) => {
        const m = trustFactor({ ...evidenceTrust(p, n), not_enough_evidence: thin }).multiplier;
        expect(m).toBeGreaterThanOrEqual(floor);
        expect(m).toBeLessThanOrEqual(max);
        expect(m).toBeGreaterThan(0);
      }),
    );
  });

  it('property: monotone, more positive evidence never lowers it and more negative never raises it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 500, noNaN: true }), weight, fc.double({ min: 0, max: 100, noNaN: true }), (p, n, more) => {
        const base = trustFactor(evidenceTrust(p, n)).multiplier;
        expect(trustFactor(evidenceTrust(p + more, n)).multiplier).toBeGreaterThanOrEqual(base - 1e-12);
        expect(trustFactor(evidenceTrust(p, n + more)).multiplier).toBeLessThanOrEqual(base + 1e-12);
      }),
    );
  });
});
