import { canonicalWord } from './coding-lexicon';
import { normalizeWord, weightedOverlap, weightedTokens } from './code-tokens';

describe('the coding lexicon', () => {
  it('maps the ways bug reports say the same thing to one word', () => {
    expect(new Set(['cannot', "can't", 'unable'].map(canonicalWord))).toEqual(new Set(['cannot']));
    expect(new Set(['folder', 'directory', 'dir'].map(canonicalWord))).toEqual(new Set(['dir']));
    expect(new Set(['crashes', 'fails', 'failure', 'broken'].map(canonicalWord))).toEqual(new Set(['fail']));
    expect(canonicalWord('repository')).toBe(canonicalWord('repo'));
  });

  it('leaves words outside every group alone', () => {
    expect(canonicalWord('webpack')).toBe('webpack');
  });

  it('applies to stems too, so inflections outside the lists still meet', () => {
    expect(normalizeWord('folders')).toBe('dir');
    expect(normalizeWord('repositories')).toBe('repo');
    expect(normalizeWord('paths')).toBe('path');
  });

  it('lets two wordings of one problem meet in the weighted tokens', () => {
    const a = weightedTokens('Unable to open the repository folder');
    const b = weightedTokens("can't open the repo directory");
    expect(weightedOverlap(a, b)).toBe(1);
  });
});
