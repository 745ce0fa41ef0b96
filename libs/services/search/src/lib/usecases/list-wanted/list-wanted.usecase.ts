import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fitPage, PAGE_LIMITS, SearchListWanted } from '@commontrace/contracts';
import { DataSource } from 'typeorm';
import { WantedRow, wantedExists, wantedPage } from '../../wanted/wanted-queries';

function toView(r: WantedRow): SearchListWanted.WantedView {
  return {
    id: r.id,
    query: r.display_text,
    normalized_query: r.normalized_query,
    count: r.count,
    searchers: r.searchers,
    first_seen_at: new Date(r.first_seen_at).toISOString(),
    last_seen_at: new Date(r.last_seen_at).toISOString(),
    answered_by: r.answered_by,
    answered_at: r.answered_at ? new Date(r.answered_at).toISOString() : null,
  };
}

/**
 * GET /wanted: the questions searches left open, aggregated by normalized query, the most asked
 * first (then the most recently asked), a page at a time; `answered: true` lists the answered
 * ones instead. The cursor is the last question of a page; counts that grow while a client pages
 * can move a question across pages (the list is a ranking, not a log).
 */
@Injectable()
export class ListWantedUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: SearchListWanted.ListWantedRequest): Promise<SearchListWanted.ListWantedReply> {
    const limit = request.limit ?? PAGE_LIMITS.defaultLimit;
    const m = this.dataSource.manager;
    if (request.cursor && !(await wantedExists(m, request.cursor))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'cursor: not a next_cursor of this list', {
        errors: [{ field: 'cursor', message: 'must be a next_cursor of this list' }],
      });
    }
    const rows = await wantedPage(m, { answered: request.answered ?? false, cursor: request.cursor ?? null, limit });
    const { page, more } = fitPage(rows.map(toView), limit);
    return { wanted: page, next_cursor: more ? page[page.length - 1].id : null };
  }
}
