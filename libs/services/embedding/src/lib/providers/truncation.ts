/**
 * Input limits of the providers. A text over its model's limit is cut at the end (the title
 * and the start of the context come first in a trace's text), never refused.
 */

/** OpenAI's embedding models (text-embedding-3-*, ada-002) take at most 8191 tokens per input. */
export const OPENAI_MAX_INPUT_TOKENS = 8191;

/**
 * At most `maxBytes` bytes of UTF-8, cut at a character boundary. BPE tokenizers such as
 * OpenAI's emit at least one byte per token, so a text of N bytes never has more than N
 * tokens: this is the conservative character cut for a token limit whose tokenizer we do not run.
 */
export function truncateUtf8Bytes(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) return text; // every UTF-16 unit is at most 3 bytes of UTF-8
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) return text.slice(0, i);
    bytes += size;
    if (pair) i++;
  }
  return text;
}

/**
 * The token limit of a local transformer model: the tokenizer's `model_max_length` when it
 * declares a real one, and never more positions than the model has (`max_position_embeddings`).
 */
export function localTokenLimit(config: { max_position_embeddings?: number }, tokenizerMaxLength: number | undefined): number {
  const candidates = [config.max_position_embeddings, tokenizerMaxLength].filter(
    (n): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0 && n < 1e6,
  );
  return candidates.length ? Math.min(...candidates) : 512;
}
