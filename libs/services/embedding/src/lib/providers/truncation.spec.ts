import { localTokenLimit, truncateUtf8Bytes } from './truncation';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

describe('truncating texts to a provider limit', () => {
  it('keeps a text within the byte budget whole', () => {
    expect(truncateUtf8Bytes('short text', 8191)).toBe('short text');
    expect(truncateUtf8Bytes('x'.repeat(8191), 8191)).toHaveLength(8191);
  });

  it('cuts ASCII at the byte budget', () => {
    const cut = truncateUtf8Bytes('a'.repeat(20_000), 8191);
    expect(cut).toBe('a'.repeat(8191));
  });

  it('cuts multi-byte text at a character boundary within the budget', () => {
    const text = 'é漢😀'.repeat(2000); // 2 + 3 + 4 bytes
    const cut = truncateUtf8Bytes(text, 8191);
    expect(utf8(cut)).toBeLessThanOrEqual(8191);
    expect(utf8(cut)).toBeGreaterThan(8191 - 4);
    expect(text.startsWith(cut)).toBe(true);
    expect(cut).not.toMatch(/[\uD800-\uDBFF]$/); // no half of an emoji
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
  });

  it('takes the smaller of the tokenizer and position limits of a local model', () => {
    expect(localTokenLimit({ max_position_embeddings: 512 }, 256)).toBe(256);
    expect(localTokenLimit({ max_position_embeddings: 512 }, 1e30)).toBe(512); // "no limit" in many tokenizer configs
    expect(localTokenLimit({ max_position_embeddings: 128 }, undefined)).toBe(128);
    expect(localTokenLimit({}, Infinity)).toBe(512);
  });
});
