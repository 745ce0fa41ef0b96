import fc from 'fast-check';
import { InvertedIndex, IndexedDocument, requiredFacets, traceFacets } from './inverted-index';
import { BM25, idf } from './lexical-model';

/**
 * Exact BM25 of every document against the query, computed the plain way (statistics over the
 * whole corpus), among the documents holding every required facet: the reference the index must agree with.
 */
function bruteForce(docs: IndexedDocument[], terms: string[], k: number, required: string[] = []): { id: string; score: number }[] {
  const n = docs.length;
  const average = docs.reduce((sum, d) => sum + d.length, 0) / n;
  const unique = [...new Set(terms)];
  const df = new Map(unique.map((t) => [t, docs.filter((d) => d.terms.includes(t)).length]));
  return docs
    .map((d) => {
      let score = 0;
      for (const t of unique) {
        const i = d.terms.indexOf(t);
        if (i < 0) continue;
        const tf = d.tfs[i];
        score += (idf(df.get(t) as number, n) * tf * (BM25.k1 + 1)) / (tf + BM25.k1 * (1 - BM25.b + (BM25.b * d.length) / average));
      }
      return { id: d.id, score, passes: required.every((f) => d.facets?.includes(f)) };
    })
    .filter((r) => r.score > 0 && r.passes)
    .map(({ id, score }) => ({ id, score }))
    .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
    .slice(0, k);
}

const VOCABULARY = ['redi', 'timeout', 'econnrefus', 'docker', 'compos', 'ts2307', 'modul', 'not', 'found', 'the'];

const FACETS = ['tag:docker', 'tag:redis', 'language:python', 'framework:django'];

const documentArb = (id: string) =>
  fc
    .uniqueArray(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 6 })
    .chain((terms) =>
      fc.record({
        id: fc.constant(id),
        terms: fc.constant(terms),
        tfs: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: terms.length, maxLength: terms.length }),
        length: fc.integer({ min: 1, max: 400 }),
        facets: fc.subarray(FACETS),
      }),
    );

const corpusArb = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => documentArb(`t${String(i).padStart(3, '0')}`))));

function expectSameRanking(actual: { id: string; score: number }[], expected: { id: string; score: number }[]): void {
  expect(actual.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  actual.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i].score, 9));
}

describe('InvertedIndex', () => {
  it('ranks exactly as BM25 over the whole corpus, ties by id, when the budgets are not reached', () => {
    fc.assert(
      fc.property(corpusArb, fc.array(fc.constantFrom(...VOCABULARY, 'absent'), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 12 }), (docs, query, k) => {
        const index = new InvertedIndex();
        docs.forEach((d) => index.upsert(d));
        expectSameRanking(index.search(query, k), bruteForce(docs, query, k));
      }),
    );
  });

  it('ranks exactly as BM25 among the documents holding every required facet, with the statistics of the whole corpus, and says so', () => {
    fc.assert(
      fc.property(corpusArb, fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 5 }), fc.subarray(FACETS, { maxLength: 2 }), fc.integer({ min: 1, max: 12 }), (docs, query, required, k) => {
        const index = new InvertedIndex();
        docs.forEach((d) => index.upsert(d));
        const { hits, exhaustive } = index.searchWithin(query, k, required);
        expectSameRanking(hits, bruteForce(docs, query, k, required));
        expect(exhaustive).toBe(true);
        // A removed document stays out, before and after the compaction that drops it.
        index.remove(docs[0].id);
        expectSameRanking(index.searchWithin(query, k, required).hits, bruteForce(docs.slice(1), query, k, required));
        index.compact();
        expectSameRanking(index.searchWithin(query, k, required).hits, bruteForce(docs.slice(1), query, k, required));
      }),
    );
  });

  it('finds nothing for a facet no document holds', () => {
    const index = new InvertedIndex();
    index.upsert({ id: 'a', terms: ['redi'], tfs: [1], length: 3, facets: ['tag:redis'] });
    expect(index.searchWithin(['redi'], 5, ['tag:redis']).hits.map((r) => r.id)).toEqual(['a']);
    expect(index.searchWithin(['redi'], 5, ['tag:elsewhere'])).toEqual({ hits: [], exhaustive: true });
  });

  it('gives a trace the facets a filter asks for: its tags as they are, its language and framework lower-cased', () => {
    const facets = traceFacets({ tags: ['Docker', 'redis'], language: 'Python', framework: 'Django' });
    expect(facets).toEqual(['tag:Docker', 'tag:redis', 'language:python', 'framework:django']);
    expect(requiredFacets({ tags: ['redis'], language: 'python', framework: null })).toEqual(['tag:redis', 'language:python']);
    expect(requiredFacets({ tags: null, language: null, framework: null })).toEqual([]);
    expect(traceFacets({ tags: [], language: null, framework: null })).toEqual([]);
  });

  it('keeps scores exact through replacements, removals and compaction', () => {
    fc.assert(
      fc.property(corpusArb, corpusArb, fc.array(fc.nat(), { maxLength: 10 }), (first, second, removals) => {
        const index = new InvertedIndex();
        first.forEach((d) => index.upsert(d));
        // Into the compact segment; then the second corpus replaces documents of the same ids (dead
        // in the segment, alive in the delta) and adds the rest.
        index.compact();
        second.forEach((d) => index.upsert(d));
        const current = new Map([...first, ...second].map((d) => [d.id, d]));
        for (const r of removals) {
          const id = [...current.keys()][r % Math.max(1, current.size)];
          if (id === undefined) continue;
          index.remove(id);
          current.delete(id);
        }
        const docs = [...current.values()];
        expect(index.size).toBe(docs.length);
        for (const term of VOCABULARY) expect(index.documentFrequency(term)).toBe(docs.filter((d) => d.terms.includes(term)).length);
        if (!docs.length) return expect(index.search(VOCABULARY, 5)).toEqual([]);
        expectSameRanking(index.search(['redi', 'timeout', 'the'], 8), bruteForce(docs, ['redi', 'timeout', 'the'], 8));
        index.compact();
        expectSameRanking(index.search(['redi', 'timeout', 'the'], 8), bruteForce(docs, ['redi', 'timeout', 'the'], 8));
      }),
    );
  });

  it('past the open budget, a frequent term only adds to the candidates the rarer terms found', () => {
    const index = new InvertedIndex();
    index.upsert({ id: 'a', terms: ['ts2307', 'the'], tfs: [1, 1], length: 10 });
    index.upsert({ id: 'b', terms: ['the'], tfs: [5], length: 10 });
    index.upsert({ id: 'c', terms: ['the'], tfs: [1], length: 10 });
    const bounded = index.search(['the', 'ts2307'], 5, { openBudget: 1, readBudget: 100 });
    expect(bounded.map((r) => r.id)).toEqual(['a']);
    expect(index.searchWithin(['the', 'ts2307'], 5, [], { openBudget: 1, readBudget: 100 }).exhaustive).toBe(false);
    // The score of `a` still counts both terms.
    const exhaustive = index.search(['the', 'ts2307'], 5);
    expect(exhaustive.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(bounded[0].score).toBeCloseTo(exhaustive[0].score, 12);
  });

  it('reads no term past the read budget: the most frequent ones are skipped', () => {
    const index = new InvertedIndex();
    index.upsert({ id: 'a', terms: ['ts2307'], tfs: [1], length: 10 });
    index.upsert({ id: 'b', terms: ['the', 'modul'], tfs: [1, 1], length: 10 });
    index.upsert({ id: 'c', terms: ['the', 'modul'], tfs: [1, 1], length: 10 });
    index.upsert({ id: 'd', terms: ['the'], tfs: [1], length: 10 });
    // ts2307 (1 posting) and modul (2) are read; `the` (3) would pass the budget of 3.
    const found = index.search(['the', 'modul', 'ts2307'], 5, { openBudget: 10, readBudget: 3 });
    expect(found.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(index.searchWithin(['the', 'modul', 'ts2307'], 5, [], { openBudget: 10, readBudget: 3 }).exhaustive).toBe(false);
    expect(index.searchWithin(['the', 'modul', 'ts2307'], 5, [], { openBudget: 10, readBudget: 6 }).exhaustive).toBe(true);
  });

  it('answers nothing for an empty index, unknown terms or k = 0', () => {
    const index = new InvertedIndex();
    expect(index.search(['redi'], 5)).toEqual([]);
    index.upsert({ id: 'a', terms: ['redi'], tfs: [1], length: 3 });
    expect(index.search(['nothing'], 5)).toEqual([]);
    expect(index.search(['redi'], 0)).toEqual([]);
    expect(index.has('a')).toBe(true);
    index.remove('a');
    expect(index.has('a')).toBe(false);
    expect(index.search(['redi'], 5)).toEqual([]);
  });
});
