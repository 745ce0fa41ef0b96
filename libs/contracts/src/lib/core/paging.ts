import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * How long lists are paged. A page holds at most `limit` items (default `defaultLimit`, at most
 * `maxLimit`) and at most `maxBytes` of JSON: a page of long items stops early (it always holds
 * at least one), so no reply comes near the 1 MB bus payload limit. A reply's `next_cursor`,
 * sent back as `cursor`, continues the list; it is null on the last page.
 */
export const PAGE_LIMITS = { defaultLimit: 10, maxLimit: 50, maxBytes: 512 * 1024 } as const;

/** `?limit=` of a paged list (a string in a query, a number on the bus). */
export class PageQuery {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMITS.maxLimit)
  limit?: number;
}

/**
 * The items that make one page, in order: at most `limit` of them, and at most `maxBytes` of
 * JSON together. The first item is always taken, so a page is never empty while items remain
 * (a single item is smaller than the bus limit by the contribution rules). `more` says whether
 * items were left over: fetch one beyond the limit to learn it. Every service that pages a list
 * uses this.
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
