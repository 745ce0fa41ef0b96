import { wilsonLowerBound } from './wilson';

describe('wilsonLowerBound', () => {
  it('is 0 without evidence and below the observed share with little of it', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(1, 0)).toBeCloseTo(0.2065, 3);
    expect(wilsonLowerBound(10, 0)).toBeCloseTo(0.7225, 3);
    expect(wilsonLowerBound(5, 5)).toBeCloseTo(0.2366, 3);
  });

  it('rises with agreeing evidence and falls with disagreement', () => {
    expect(wilsonLowerBound(20, 0)).toBeGreaterThan(wilsonLowerBound(10, 0));
    expect(wilsonLowerBound(10, 2)).toBeLessThan(wilsonLowerBound(10, 0));
    expect(wilsonLowerBound(0, 10)).toBe(0);
  });

  it('takes weighted evidence: eight signals of weight 1/8 are one signal of weight 1', () => {
    expect(wilsonLowerBound(8 * 0.125, 0)).toBeCloseTo(wilsonLowerBound(1, 0), 10);
  });
});
