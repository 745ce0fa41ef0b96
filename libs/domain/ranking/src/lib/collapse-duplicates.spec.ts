import fc from 'fast-check';
import { collapseDuplicates } from './collapse-duplicates';
import { candidate, SPEC_NOW } from './ranking-fixtures';
import { rerank } from './rerank';

const ranked = (specs: [string, string | null][]) =>
  rerank(
    specs.map(([id, group], i) => candidate(id, { relevance: 1 / (61 + i), duplicate_group: group })),
    {},
    SPEC_NOW,
  );

describe('collapseDuplicates', () => {
  it('keeps the best-ranked of each group in its place, saying how many it stands for and which', () => {
    const out = collapseDuplicates(ranked([['a', 'g1'], ['b', null], ['c', 'g1'], ['d', 'g2'], ['e', 'g1'], ['f', 'g2']]));
    expect(out.map((r) => [r.id, r.stands_for, r.collapsed_ids])).toEqual([
      ['a', 3, ['c', 'e']],
      ['b', 1, []],
      ['d', 2, ['f']],
    ]);
  });

  it('takes groups from the caller (near-identical vectors) and does not change its input', () => {
    const input = ranked([['a', null], ['b', null], ['c', null]]);
    const out = collapseDuplicates(input, (r) => (r.id === 'a' || r.id === 'c' ? 'same-vector' : null));
    expect(out.map((r) => [r.id, r.stands_for])).toEqual([['a', 2], ['b', 1]]);
    expect(input.map((r) => r.stands_for)).toEqual([1, 1, 1]);
    expect(input[0].collapsed_ids).toEqual([]);
  });

  it('property: one result per group, every trace accounted for once, order kept', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom('g1', 'g2', 'g3'), { nil: null }), { maxLength: 20 }), (groups) => {
        const input = ranked(groups.map((g, i) => [`t${i}`, g]));
        const out = collapseDuplicates(input);
        expect(out.reduce((a, r) => a + r.stands_for, 0)).toBe(input.length);
        const all = out.flatMap((r) => [r.id, ...r.collapsed_ids]).sort();
        expect(all).toEqual(input.map((r) => r.id).sort());
        const keys = out.map((r) => r.candidate.duplicate_group).filter(Boolean);
        expect(new Set(keys).size).toBe(keys.length);
        const positions = out.map((r) => input.findIndex((x) => x.id === r.id));
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      }),
    );
  });
});
