/**
 * A short excerpt for compact results: the sentence window around the first query word found,
 * else the beginning; cut at a word boundary with an ellipsis.
 */
export function makeSnippet(text: string, query: string | undefined, maxLength = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const words = (query ?? '').toLowerCase().match(/[\p{L}\p{N}_]{3,}/gu) ?? [];
  const lower = flat.toLowerCase();
  const hit = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  let start = hit === undefined ? 0 : Math.max(0, hit - Math.floor(maxLength / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < start + 20 ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + maxLength);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    end = space > start + maxLength / 2 ? space : end;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
