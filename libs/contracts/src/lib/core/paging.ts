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
