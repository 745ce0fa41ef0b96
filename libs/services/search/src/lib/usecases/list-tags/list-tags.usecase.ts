import { Injectable } from '@nestjs/common';
import { SearchListTags } from '@commontrace/contracts';
import { DataSource } from 'typeorm';

/**
 * GET /tags: the tags of served traces (every status but hidden) with how many traces carry each,
 * the most used first (then by name), at most `limit`, optionally only those starting with
 * `prefix`. `tags` is the CommonTrace v1 list of names; `counts` has the same tags with counts.
 */
@Injectable()
export class ListTagsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: SearchListTags.ListTagsRequest): Promise<SearchListTags.ListTagsReply> {
    const limit = request.limit ?? SearchListTags.TAG_LIST_LIMITS.defaultLimit;
    const rows: { tag: string; count: number; total: number }[] = await this.dataSource.query(
      `SELECT tag, count(DISTINCT t.id)::int AS count, (count(*) OVER ())::int AS total
         FROM traces t, unnest(t.tags) AS tag
        WHERE t.status <> 'hidden' AND ($1::text IS NULL OR starts_with(tag, $1::text))
        GROUP BY tag
        ORDER BY count DESC, tag
        LIMIT $2`,
      [request.prefix ?? null, limit],
    );
    return {
      tags: rows.map((r) => r.tag),
      counts: rows.map((r) => ({ tag: r.tag, count: r.count })),
      total: rows[0]?.total ?? 0,
    };
  }
}
