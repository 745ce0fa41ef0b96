import { likelyPage, PAGE_GUESS_SLACK } from './order-candidates';

describe('likelyPage', () => {
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it('is the fusion of the lists around the page, PAGE_GUESS_SLACK places wider on either side', () => {
    const lexical = ids('l', 40);
    expect(likelyPage({ lists: { lexical }, retrievers: ['lexical'] }, 0, 10)).toEqual(lexical.slice(0, 10 + PAGE_GUESS_SLACK));
    expect(likelyPage({ lists: { lexical }, retrievers: ['lexical'] }, 20, 10)).toEqual(lexical.slice(20 - PAGE_GUESS_SLACK, 30 + PAGE_GUESS_SLACK));
  });

  it('puts what two retrievers agree on first, as the fusion does', () => {
    const page = likelyPage({ lists: { signatures: ['s0', 'both'], lexical: ['l0', 'l1', 'both'] }, retrievers: ['signatures', 'lexical'] }, 0, 1);
    expect(page[0]).toBe('both');
    // Fewer candidates than the window: all of them.
    expect([...page].sort()).toEqual(['both', 'l0', 'l1', 's0']);
  });

  it('is empty when nothing was retrieved', () => {
    expect(likelyPage({ lists: {}, retrievers: [] }, 0, 10)).toEqual([]);
  });
});
