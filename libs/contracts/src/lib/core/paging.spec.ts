import { fitPage } from './paging';

describe('fitPage', () => {
  const items = (n: number, chars: number) => Array.from({ length: n }, (_, i) => ({ i, text: 'x'.repeat(chars) }));

  it('takes at most the limit and says whether more is left', () => {
    expect(fitPage(items(3, 1), 2)).toEqual({ page: items(2, 1), more: true });
    expect(fitPage(items(2, 1), 2)).toEqual({ page: items(2, 1), more: false });
    expect(fitPage([], 5)).toEqual({ page: [], more: false });
  });

  it('stops early when the next item would pass the byte budget, counting JSON escapes and UTF-8 bytes', () => {
    // {"i":0,"text":"…"} is 17 bytes around the text: three items of 100 bytes fill 300 exactly.
    expect(fitPage(items(5, 83), 10, 300).page).toHaveLength(3);
    const quotes = [{ text: '"'.repeat(100) }, { text: '"'.repeat(100) }];
    expect(fitPage(quotes, 10, 300)).toEqual({ page: [quotes[0]], more: true });
    const multibyte = [{ text: '漢'.repeat(60) }, { text: '漢'.repeat(60) }];
    expect(fitPage(multibyte, 10, 300)).toEqual({ page: [multibyte[0]], more: true });
  });

  it('always takes the first item, even one over the budget, so that a page is never empty', () => {
    expect(fitPage(items(2, 1000), 10, 300)).toEqual({ page: items(1, 1000), more: true });
  });
});
