import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { normalizeTag } from '../../traces/trace-input';

/** At most `maxLimit` tags per reply (default `defaultLimit`), the most used first. */
export const TAG_LIST_LIMITS = { defaultLimit: 100, maxLimit: 500 } as const;

/** `GET /tags?prefix=&limit=` (query strings over REST, the same fields on the bus). */
export class ListTagsQuery {
  /** Only tags that start with this (normalized like a tag: trimmed, lower case). */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? normalizeTag(value) : value))
  @IsString()
  @Matches(/^[a-z0-9.+#_-]{1,50}$/, { message: 'prefix must be 1-50 of a-z 0-9 . + # _ -' })
  prefix?: string;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(TAG_LIST_LIMITS.maxLimit)
  limit?: number;
}

export class ListTagsRequest extends ListTagsQuery {}

export interface TagCount {
  tag: string;
  /** Served (not hidden) traces that carry the tag. */
  count: number;
}

export interface ListTagsReply {
  /** CommonTrace v1: the tag names, the most used first. */
  tags: string[];
  /** The same tags with their counts, in the same order. */
  counts: TagCount[];
  /** How many distinct tags match (the lists hold at most `limit` of them). */
  total: number;
}

export const contract = defineRequest<ListTagsRequest, ListTagsReply>('ct.v1.search.list-tags', ListTagsRequest);
