import { cosine, HASHING_DIMENSIONS, HASHING_MAX_INPUT_CHARS, hashingEmbed, offlineVector, tokenize, truncateChars } from './hashing-embedder';

describe('hashingEmbed', () => {
  it('is deterministic, unit length and of the stated width', () => {
    const a = hashingEmbed('npm ERR! code ERESOLVE unable to resolve dependency tree');
    const b = hashingEmbed('npm ERR! code ERESOLVE unable to resolve dependency tree');
    expect(a).toEqual(b);
    expect(a).toHaveLength(HASHING_DIMENSIONS);
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
  });

  it('ranks a paraphrase above an unrelated text', () => {
    const query = hashingEmbed('docker container cannot connect to postgres on localhost');
    const paraphrase = hashingEmbed('connecting to a postgres database on localhost from inside a docker container fails');
    const unrelated = hashingEmbed('rust borrow checker error when returning a reference from a function');
    expect(cosine(query, paraphrase)).toBeGreaterThan(cosine(query, unrelated) + 0.2);
  });

  it('gives the zero vector for text without words', () => {
    expect(hashingEmbed('!!! ...').every((v) => v === 0)).toBe(true);
  });

  it('keeps technical tokens whole and drops stop words', () => {
    expect(tokenize('The node.js C# and k8s-io of it')).toEqual(['node.js', 'c#', 'k8s-io']);
  });

  it('cuts characters without splitting a surrogate pair', () => {
    expect(truncateChars('abcdef', 4)).toBe('abcd');
    expect(truncateChars('abc😀', 4)).toBe('abc');
    expect(truncateChars('ab😀', 4)).toBe('ab😀');
  });

  it('reads at most HASHING_MAX_INPUT_CHARS of a text for the offline vector', () => {
    const start = 'redis connection reset by peer '.repeat(HASHING_MAX_INPUT_CHARS / 31 + 1).slice(0, HASHING_MAX_INPUT_CHARS);
    expect(offlineVector(`${start} kafka rebalance storm`)).toEqual(hashingEmbed(start));
    expect(offlineVector('short text')).toEqual(hashingEmbed('short text'));
  });
});
