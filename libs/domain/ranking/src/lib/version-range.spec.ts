import { compareToDeclared, looseVersion } from './version-range';

describe('compareToDeclared', () => {
  it('checks declared ranges with semver, coercing loose versions', () => {
    expect(compareToDeclared('20.11', '>=18 <21')).toBe('inside_range');
    expect(compareToDeclared('22.1', '>=18 <21')).toBe('outside_range');
    expect(compareToDeclared('5.4', '^5.0')).toBe('inside_range');
    expect(compareToDeclared('4.9.5', '^5.0')).toBe('outside_range');
    expect(compareToDeclared('v18', '18.x')).toBe('inside_range');
    expect(compareToDeclared('17.0', '16 || 18')).toBe('outside_range');
    expect(compareToDeclared('1.2.9', '~1.2')).toBe('inside_range');
    expect(compareToDeclared('1.3.0', '~1.2')).toBe('outside_range');
    expect(compareToDeclared('3.1', '2.0 - 3.0')).toBe('outside_range');
  });

  it('compares bare versions by major (minor too below 1.0)', () => {
    expect(compareToDeclared('18.2', '18.19')).toBe('same_major');
    expect(compareToDeclared('20.11', '18.19')).toBe('other_major');
    expect(compareToDeclared('0.4.1', '0.4')).toBe('same_major');
    expect(compareToDeclared('0.5.0', '0.4')).toBe('other_major');
  });

  it('says unknown for what is not a version', () => {
    expect(compareToDeclared('latest', '^5.0')).toBe('unknown');
    expect(compareToDeclared('20', 'whatever')).toBe('unknown');
    expect(compareToDeclared('20', '>=banana')).toBe('unknown');
    expect(compareToDeclared('20', '1'.repeat(100))).toBe('unknown');
    expect(looseVersion('node 20.11.1')?.version).toBe('20.11.1');
  });

  it('keeps answering correctly past the size of its memo', () => {
    for (let i = 0; i < 5000; i++) expect(compareToDeclared(`${i % 50}.1`, `>=${i} <${i + 1}`)).toBe(i < 50 ? 'inside_range' : 'outside_range');
    expect(compareToDeclared('20.11', '>=18 <21')).toBe('inside_range');
    expect(compareToDeclared('20.11', '>=18 <21')).toBe('inside_range');
  });
});
