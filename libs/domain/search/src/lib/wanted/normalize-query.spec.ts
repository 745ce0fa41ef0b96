import { displayText, normalizedKey, normalizeQuery, WANTED_LIMITS, wantedTerms } from './normalize-query';

describe('normalizedKey', () => {
  it('aggregates the same question across case, spacing and punctuation', () => {
    const key = normalizedKey('How do I fix "Cannot find module express"?');
    expect(key).toBe('how do i fix cannot find module express');
    expect(normalizedKey('  how DO i fix   cannot find module, express ')).toBe(key);
    expect(normalizedKey('How do I fix: Cannot find module (express)!')).toBe(key);
  });

  it('replaces numbers, versions, uuids, hex ids, paths and urls by placeholders', () => {
    expect(normalizedKey('EADDRINUSE on port 3000 with node 18.17.0')).toBe('eaddrinuse on port <n> with node <n>');
    expect(normalizedKey('EADDRINUSE on port 8080 with node 20.1.1')).toBe('eaddrinuse on port <n> with node <n>');
    expect(normalizedKey('job 3f2c1a9e-0b7d-4c55-9a1e-2b3c4d5e6f70 stuck')).toBe('job <id> stuck');
    expect(normalizedKey('commit 9fceb02d0ae598e95dc970b74767f19372d61af8 breaks it')).toBe('commit <hex> breaks it');
    expect(normalizedKey('segfault at 0x7ffd5e8c')).toBe('segfault at <hex>');
    expect(normalizedKey("ENOENT '/home/ana/app/src/index.ts'")).toBe('enoent <path>');
    expect(normalizedKey('ENOENT C:\\Users\\bo\\app\\index.ts')).toBe('enoent <path>');
    expect(normalizedKey('ENOENT node_modules/foo/dist/index.js')).toBe('enoent <path>');
    expect(normalizedKey('see https://example.org/a?b=1 for details')).toBe('see <url> for details');
  });

  it('keeps error codes, package names and identifiers as words', () => {
    expect(normalizedKey('TS2307 in @types/node')).toBe('ts2307 in types node');
    expect(normalizedKey('express.json() is undefined')).toBe('express json is undefined');
    expect(normalizedKey('ERR_REQUIRE_ESM from jest')).toBe('err_require_esm from jest');
  });

  it('is bounded in words and length, and empty for text without words', () => {
    const long = Array.from({ length: 500 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}`).join(' ');
    expect(normalizedKey(long).split(' ').length).toBeLessThanOrEqual(WANTED_LIMITS.keyWords);
    expect(normalizedKey(long).length).toBeLessThanOrEqual(WANTED_LIMITS.key);
    expect(normalizedKey('?!... ---')).toBe('');
    expect(normalizedKey('')).toBe('');
  });
});

describe('wantedTerms and normalizeQuery', () => {
  it('keeps distinctive terms, drops generic and function words, and what is particular to the searcher', () => {
    const { terms } = normalizeQuery('How to fix Docker build failing with ECONNREFUSED on port 5432 in /srv/app/docker-compose.yml');
    expect(terms).toEqual(expect.arrayContaining(['docker', 'econnrefused']));
    for (const gone of ['how', 'to', 'fix', 'build', 'failing', '5432', 'srv']) expect(terms).not.toContain(gone);
  });

  it('gives the same terms to differently cased and spaced forms of a question', () => {
    expect(normalizeQuery('vite HMR not working behind nginx proxy').terms).toEqual(normalizeQuery('Vite  hmr not working behind NGINX proxy!').terms);
  });

  it('weighs code-like terms over words, and holds at most WANTED_LIMITS.terms', () => {
    const t = wantedTerms('useEffect runs twice in react');
    expect(t.weights.get('useeffect')).toBeGreaterThan(t.weights.get('react') ?? 0);
    const many = wantedTerms(Array.from({ length: 200 }, (_, i) => `ident${i}x`).join(' '));
    expect(many.weights.size).toBe(WANTED_LIMITS.terms);
  });

  it('has no distinctive terms for a question of generic words only', () => {
    expect(normalizeQuery('how to fix the error').terms).toEqual([]);
  });
});

describe('displayText', () => {
  it('trims, collapses whitespace and bounds the length', () => {
    expect(displayText('  a \n\t b  ')).toBe('a b');
    expect(displayText('x'.repeat(5000))).toHaveLength(WANTED_LIMITS.text);
  });
});
