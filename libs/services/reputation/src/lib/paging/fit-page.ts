import { PAGE_LIMITS } from '@commontrace/contracts';

/**
 * The items that make one page, in order: at most `limit` of them, and at most `maxBytes` of
 * JSON together. The first item is always taken, so a page is never empty while items remain
 * (a single item is smaller than the bus limit by the contribution rules). `more` says whether
 * items were left over: fetch one beyond the limit to learn it.
 */
export function fitPage<T>(items: T[], limit: number, maxBytes: number = PAGE_LIMITS.maxBytes): { page: T[]; more: boolean } {
  const page: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (page.length === limit) break;
    const size = Buffer.byteLength(JSON.stringify(item), 'utf8');
    if (page.length > 0 && bytes + size > maxBytes) break;
    page.push(item);
    bytes += size;
  }
  return { page, more: page.length < items.length };
}
