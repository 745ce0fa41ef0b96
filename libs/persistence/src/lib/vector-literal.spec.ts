import { toVectorLiteral } from './vector-literal';

describe('toVectorLiteral', () => {
  it('pads with zeros to the column width', () => {
    expect(toVectorLiteral([0.5, -1], 4)).toBe('[0.5,-1,0,0]');
    expect(toVectorLiteral([1, 2], 2)).toBe('[1,2]');
  });

  it('refuses vectors wider than the column', () => {
    expect(() => toVectorLiteral([1, 2, 3], 2)).toThrow(/3 dimensions/);
  });
});
