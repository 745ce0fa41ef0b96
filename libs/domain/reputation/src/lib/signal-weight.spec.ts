import { NEW_AGENT_WEIGHT, signalWeight } from './signal-weight';

describe('signalWeight', () => {
  it('gives a new agent an eighth of an established one', () => {
    expect(signalWeight(0)).toBe(NEW_AGENT_WEIGHT);
    expect(signalWeight(1) / signalWeight(0)).toBeCloseTo(8, 10);
  });

  it('rises with domain reputation, and clamps what is out of range', () => {
    expect(signalWeight(0.5)).toBeGreaterThan(signalWeight(0.2));
    expect(signalWeight(2)).toBe(1);
    expect(signalWeight(-1)).toBe(NEW_AGENT_WEIGHT);
    expect(signalWeight(Number.NaN)).toBe(NEW_AGENT_WEIGHT);
  });
});
