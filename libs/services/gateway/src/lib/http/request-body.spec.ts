import { jsonDeeperThan, MAX_JSON_DEPTH } from './request-body';

function nested(levels: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

describe('jsonDeeperThan', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonDeeperThan('text', 0)).toBe(false);
    expect(jsonDeeperThan(null, 0)).toBe(false);
    expect(jsonDeeperThan({}, 0)).toBe(true);
    expect(jsonDeeperThan({}, 1)).toBe(false);
    expect(jsonDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
    expect(jsonDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
  });

  it('allows exactly the documented limit and refuses one level more', () => {
    expect(jsonDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('finds the deep branch among shallow siblings', () => {
    expect(jsonDeeperThan({ wide: Array.from({ length: 1000 }, (_, i) => i), deep: nested(40) }, MAX_JSON_DEPTH)).toBe(true);
  });

  it('answers for nesting far beyond what recursion survives', () => {
    expect(jsonDeeperThan(nested(200_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
