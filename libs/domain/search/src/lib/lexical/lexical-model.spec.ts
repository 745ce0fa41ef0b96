import { FIELD_WEIGHTS, idf, lexicalDocument, postingImpact, selectiveTerms } from './lexical-model';

describe('lexicalDocument', () => {
  it('weights each term by the fields it occurs in, and the length likewise', () => {
    const doc = lexicalDocument({ title: 'Redis timeout', tags: ['redis'], context_text: 'timeout timeout', solution_text: 'raise the timeout' });
    expect(doc.terms.get('redi')).toBe(FIELD_WEIGHTS.title + FIELD_WEIGHTS.tags);
    expect(doc.terms.get('timeout')).toBe(FIELD_WEIGHTS.title + 2 * FIELD_WEIGHTS.context + FIELD_WEIGHTS.solution);
    expect(doc.terms.get('rais')).toBe(FIELD_WEIGHTS.solution);
    expect(doc.length).toBe(2 * FIELD_WEIGHTS.title + FIELD_WEIGHTS.tags + 2 * FIELD_WEIGHTS.context + 3 * FIELD_WEIGHTS.solution);
  });
});

describe('idf and impact', () => {
  it('gives rare terms more weight and is never negative', () => {
    expect(idf(1, 1000)).toBeGreaterThan(idf(10, 1000));
    expect(idf(1000, 1000)).toBeGreaterThan(0);
  });

  it('orders postings by frequency, shorter traces first for equal frequency', () => {
    expect(postingImpact(3, 300)).toBeGreaterThan(postingImpact(1, 300));
    expect(postingImpact(1, 100)).toBeGreaterThan(postingImpact(1, 1000));
  });
});

describe('selectiveTerms', () => {
  const limits = { perTerm: 100, budget: 250 };

  it('takes the rarest terms while their postings fit the budget', () => {
    const stats = [
      { term: 'the', df: 9000 },
      { term: 'ts2307', df: 3 },
      { term: 'modul', df: 120 },
      { term: 'alias', df: 60 },
      { term: 'missing', df: 0 },
    ];
    // ts2307 (3) + alias (60) + modul (100 of 120) = 163; the (100 more) would make 263 > 250.
    expect(selectiveTerms(stats, limits)).toEqual(['ts2307', 'alias', 'modul']);
  });

  it('always takes the rarest term, even a frequent one', () => {
    expect(selectiveTerms([{ term: 'the', df: 9000 }, { term: 'is', df: 9500 }], { perTerm: 200, budget: 250 })).toEqual(['the']);
  });

  it('takes every term of a small corpus', () => {
    expect(selectiveTerms([{ term: 'a', df: 5 }, { term: 'b', df: 7 }], limits)).toEqual(['a', 'b']);
    expect(selectiveTerms([], limits)).toEqual([]);
  });
});
