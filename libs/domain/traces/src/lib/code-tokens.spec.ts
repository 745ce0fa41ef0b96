import { codeTokens, jaccard, rawTokens, stem, TOKEN_WEIGHTS, trigrams, weightedJaccard, weightedOverlap, weightedTokens } from './code-tokens';

describe('code-aware tokens', () => {
  it('keeps identifiers, flags, scoped packages and dotted calls whole, without sentence punctuation', () => {
    expect(rawTokens('Run npm i --legacy-peer-deps, then call express.json(). See @types/node.')).toEqual([
      'Run',
      'npm',
      '--legacy-peer-deps',
      'then',
      'call',
      'express.json',
      'See',
      '@types/node',
    ]);
  });

  it('weighs code-like tokens above words, and generic trace words almost nothing', () => {
    const { weights } = weightedTokens('The build fails with ERR_REQUIRE_ESM from @types/node; moduleNameMapper fixes paths');
    expect(weights.get('err_require_esm')).toBe(TOKEN_WEIGHTS.code);
    expect(weights.get('@types/node')).toBe(TOKEN_WEIGHTS.code);
    expect(weights.get('modulenamemapper')).toBe(TOKEN_WEIGHTS.code);
    expect(weights.get('path')).toBe(TOKEN_WEIGHTS.word);
    expect(weights.get('fail')).toBe(TOKEN_WEIGHTS.generic);
    expect(weights.has('the')).toBe(false);
  });

  it('gives a code token its parts as words, so prose and code meet', () => {
    const { weights } = weightedTokens('app.use(express.json())');
    expect(weights.get('express')).toBe(TOKEN_WEIGHTS.word);
    expect(weights.get('json')).toBe(TOKEN_WEIGHTS.word);
  });

  it('stems plurals and -ing/-ed forms of prose words', () => {
    expect(['connections', 'caching', 'cached', 'fixes', 'class'].map(stem)).toEqual(['connection', 'cach', 'cach', 'fix', 'class']);
  });

  it('measures overlap over the smaller side and a Jaccard that counts the extra', () => {
    const small = weightedTokens('pin moduleNameMapper');
    const large = weightedTokens('pin moduleNameMapper in jest.config.js with ts-jest');
    expect(weightedOverlap(small, large)).toBe(1);
    expect(weightedJaccard(small, large)).toBeLessThan(0.5);
    expect(weightedOverlap(small, weightedTokens('nothing shared here'))).toBe(0);
  });

  it('lists the code-like tokens only', () => {
    expect([...codeTokens(weightedTokens('set client_max_body_size in nginx.conf and reload'))].sort()).toEqual(['client_max_body_size', 'nginx.conf']);
  });

  it('compares character trigrams of the words, so inflections and compounds meet', () => {
    expect([...trigrams('the cache')].sort()).toEqual(['^ca', 'ach', 'che', 'he$', 'cac'].sort());
    expect(jaccard(trigrams('caching layer'), trigrams('cached layers'))).toBeGreaterThan(0.4);
    expect(jaccard(trigrams('caching'), trigrams('deadlock'))).toBe(0);
    expect(jaccard(new Set(), trigrams('x'))).toBe(0);
  });

  it('stays linear on long punctuation runs', () => {
    const hostile = 'ab' + '.-'.repeat(50_000) + ' ';
    expect(rawTokens(hostile)).toEqual(['ab']);
  });
});
