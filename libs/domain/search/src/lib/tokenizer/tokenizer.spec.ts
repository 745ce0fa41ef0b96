import { camelWords, queryTerms, searchTerms, TOKENIZER_LIMITS } from './tokenizer';

const terms = (text: string) => [...searchTerms(text).keys()];

describe('searchTerms', () => {
  it('lowercases and stems ordinary words, with no stop-word list', () => {
    expect(terms('Installing the packages is not working')).toEqual(['instal', 'the', 'packag', 'is', 'not', 'work']);
  });

  it('counts how often each term occurs', () => {
    expect(searchTerms('cache Cache caching')).toEqual(new Map([['cach', 3]]));
  });

  it('keeps dotted names whole and split, snake_case parts too', () => {
    expect(terms('app.state.http_client')).toEqual(['app.state.http_client', 'app', 'state', 'http_client', 'http', 'client']);
  });

  it('keeps camelCase and PascalCase identifiers whole and split', () => {
    expect(terms('useMemo')).toEqual(['usememo', 'use', 'memo']);
    expect(terms('HTTPServer')).toEqual(['httpserver', 'http', 'server']);
    expect(terms('ModuleNotFoundError')).toEqual(['modulenotfounderror', 'modul', 'not', 'found', 'error']);
    expect(camelWords('getHTTP2Client')).toEqual(['get', 'HTTP2', 'Client']);
  });

  it('keeps paths whole, with their file name and segments', () => {
    expect(terms('/usr/lib/node_modules/typescript')).toEqual(['usr/lib/node_modules/typescript', 'usr', 'lib', 'node_modules', 'node', 'modul', 'typescript']);
    expect(terms('app/main.py')).toEqual(['app/main.py', 'main.py', 'app', 'main', 'py']);
    expect(terms('C:\\Users\\me\\app.exe')).toContain('app.exe');
  });

  it('keeps --flags and -f whole and their words', () => {
    expect(terms('npm install -g --save-dev')).toEqual(['npm', 'instal', '-g', 'g', '--save-dev', 'save-dev', 'save', 'dev']);
  });

  it('keeps error codes as unstemmed tokens', () => {
    expect(terms('error TS2307: x')).toContain('ts2307');
    expect(terms('error[E0502]: cannot borrow')).toContain('e0502');
    expect(terms('ORA-00942: table')).toEqual(expect.arrayContaining(['ora-00942', 'ora', '00942']));
    expect(terms('HRESULT 0x80070005')).toContain('0x80070005');
    // Capitals unstemmed, and stemmed so that they also meet the ordinary word.
    expect(terms('connect ECONNREFUSED')).toEqual(['connect', 'econnrefused', 'econnrefus']);
    expect(terms('FAILED')).toEqual(['failed', 'fail']);
  });

  it('reads contractions as their words, "not" included', () => {
    expect(terms("it doesn't work")).toEqual(['it', 'doe', 'not', 'work']);
    expect(terms("isn't can't won't")).toEqual(['is', 'not', 'can', 'will']);
  });

  it('reads operators, quotes and punctuation as text, never as syntax', () => {
    expect(terms('-g ! | & "quoted" (paren) <-> :* \\ \'\' ; --')).toEqual(['-g', 'g', 'quot', 'paren']);
    expect(terms('!!! ||| &&& """ ()')).toEqual([]);
    expect(terms('')).toEqual([]);
  });

  it('keeps words of other scripts, lowercased', () => {
    expect(terms('Ошибка café')).toEqual(['ошибка', 'café']);
  });

  it('is bounded: reads at most maxChars characters and yields at most maxTerms', () => {
    const long = 'word '.repeat(TOKENIZER_LIMITS.maxChars);
    const counted = [...searchTerms(long).values()].reduce((a, b) => a + b, 0);
    expect(counted).toBeLessThanOrEqual(TOKENIZER_LIMITS.maxChars / 5 + 1);
    const many = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' ');
    expect([...searchTerms(many).values()].reduce((a, b) => a + b, 0)).toBe(TOKENIZER_LIMITS.maxTerms);
    // A hash or a base64 blob is no term; a too-long identifier keeps only its parts.
    expect(terms('a'.repeat(200))).toEqual([]);
    expect(terms(`${'x'.repeat(39)}.${'y'.repeat(39)}.z`)).toEqual([`${'x'.repeat(39)}`, `${'y'.repeat(39)}`, 'z']);
  });

  it('handles inputs that would make a backtracking pattern quadratic', () => {
    // Long runs of trimmed punctuation before a letter, dotted runs and quotes (the tokenizer trims by loops).
    expect(terms(`${'-'.repeat(TOKENIZER_LIMITS.maxChars - 1)}x`)).toEqual(['x']);
    expect(terms(`${'.'.repeat(TOKENIZER_LIMITS.maxChars - 2)}x.`)).toEqual(['x']);
    expect(terms("'".repeat(TOKENIZER_LIMITS.maxChars))).toEqual([]);
    expect(searchTerms('a.'.repeat(TOKENIZER_LIMITS.maxChars / 2)).get('a')).toBe(TOKENIZER_LIMITS.maxTerms);
  });
});

describe('queryTerms', () => {
  it('gives the distinct terms in order, at most maxQueryTerms', () => {
    expect(queryTerms('npm npm ERR EACCES')).toEqual(['npm', 'err', 'eacces', 'eacc']);
    const many = Array.from({ length: 200 }, (_, i) => `t${i}`).join(' ');
    expect(queryTerms(many)).toHaveLength(TOKENIZER_LIMITS.maxQueryTerms);
  });
});
