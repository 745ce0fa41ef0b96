import { makeSnippet } from './snippet';

describe('makeSnippet', () => {
  it('returns short texts whole, with white space folded', () => {
    expect(makeSnippet('a  short\n text', 'x')).toBe('a short text');
  });

  it('centres on the first query word and marks cuts', () => {
    const text = `${'filler words here '.repeat(40)}the ECONNRESET error appears ${'more filler '.repeat(40)}`;
    const snippet = makeSnippet(text, 'econnreset', 120);
    expect(snippet).toContain('ECONNRESET');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(122);
  });

  it('starts at the beginning when no query word occurs', () => {
    const text = 'start '.repeat(100);
    expect(makeSnippet(text, 'absent', 50).startsWith('start')).toBe(true);
  });
});
