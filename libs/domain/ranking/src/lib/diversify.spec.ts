import fc from 'fast-check';
import { diversify, tagTitleJaccard } from './diversify';
import { candidate, SPEC_NOW } from './ranking-fixtures';
import { rankingWeights } from './ranking-weights';
import { rerank } from './rerank';

const docker = (id: string, rank: number) => candidate(id, { relevance: 1 / (61 + rank), title: 'Docker container cannot reach host port', tags: ['docker', 'networking'] });
const other = (id: string, rank: number, title: string, tags: string[]) => candidate(id, { relevance: 1 / (61 + rank), title, tags });

describe('diversify', () => {
  it('spreads the top five over different answers when the best ones say the same', () => {
    const input = rerank(
      [
        docker('d1', 0), docker('d2', 1), docker('d3', 2), docker('d4', 3), docker('d5', 4),
        other('k8s', 5, 'Kubernetes service has no endpoints', ['kubernetes']),
        other('dns', 6, 'DNS lookup fails inside container', ['dns', 'linux']),
        docker('d6', 7),
      ],
      {},
      SPEC_NOW,
    );
    const out = diversify(input);
    expect(out[0].id).toBe('d1');
    const top = out.slice(0, 5).map((r) => r.id);
    expect(top).toContain('k8s');
    expect(top).toContain('dns');
    // Below the top five, score order.
    const rest = out.slice(5);
    expect(rest.map((r) => r.id)).toEqual(input.filter((r) => !top.includes(r.id)).map((r) => r.id));
    expect(out.map((r) => r.id).sort()).toEqual(input.map((r) => r.id).sort());
  });

  it('keeps score order with lambda 1, or when nothing is alike', () => {
    const input = rerank([docker('d1', 0), docker('d2', 1), other('k', 2, 'kubernetes probe', ['kubernetes'])], {}, SPEC_NOW);
    expect(diversify(input, tagTitleJaccard, rankingWeights({ diversity: { lambda: 1 } })).map((r) => r.id)).toEqual(['d1', 'd2', 'k']);
    const distinct = rerank([other('a', 0, 'alpha', ['x']), other('b', 1, 'beta', ['y']), other('c', 2, 'gamma', ['z'])], {}, SPEC_NOW);
    expect(diversify(distinct).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('uses the similarity the caller supplies', () => {
    const input = rerank([other('a', 0, 'a', []), other('b', 1, 'b', []), other('c', 2, 'c', [])], {}, SPEC_NOW);
    const aLikeB = (x: { id: string }, y: { id: string }) => ([x.id, y.id].sort().join() === 'a,b' ? 1 : 0);
    expect(diversify(input, aLikeB).map((r) => r.id)).toEqual(['a', 'c', 'b']);
  });

  it('measures tags and title words with Jaccard', () => {
    expect(tagTitleJaccard({ tags: ['docker'], title: 'Docker port' }, { tags: ['docker'], title: 'docker PORT' })).toBe(1);
    expect(tagTitleJaccard({ tags: ['a'], title: 'one two' }, { tags: ['b'], title: 'three four' })).toBe(0);
    expect(tagTitleJaccard({ tags: [], title: '' }, { tags: [], title: '' })).toBe(0);
    expect(tagTitleJaccard({ tags: ['go'], title: 'goroutine leak' }, { tags: ['go'], title: 'goroutine deadlock' })).toBeCloseTo(2 / 4);
  });

  it('property: a permutation whose first place and order below the top five are the score order’s', () => {
    const arb = fc.array(fc.record({ tags: fc.subarray(['a', 'b', 'c', 'd']), words: fc.subarray(['red', 'green', 'blue', 'cyan']) }), { maxLength: 25 });
    fc.assert(
      fc.property(arb, fc.double({ min: 0, max: 1, noNaN: true }), (items, lambda) => {
        const input = rerank(items.map((it, i) => other(`t${i}`, i, it.words.join(' '), it.tags)), {}, SPEC_NOW);
        const weights = rankingWeights({ diversity: { lambda } });
        const out = diversify(input, tagTitleJaccard, weights);
        expect(out.map((r) => r.id).sort()).toEqual(input.map((r) => r.id).sort());
        if (input.length) expect(out[0].id).toBe(input[0].id);
        const top = new Set(out.slice(0, 5).map((r) => r.id));
        expect(out.slice(5).map((r) => r.id)).toEqual(input.filter((r) => !top.has(r.id)).map((r) => r.id));
      }),
    );
  });
});
