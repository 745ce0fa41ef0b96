import { cosine, HASHING_DIMENSIONS, hashingEmbed, tokenize } from './hashing-embedder';

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
});
