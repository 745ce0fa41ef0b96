import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { PageQuery } from '../../core/paging';

/**
 * `GET /wanted?limit=&cursor=&answered=`: the questions searches left open, the most wanted
 * first (most asked, then most recently asked). Open ones by default; `answered=true` lists
 * those a trace has answered since.
 */
export class WantedPage extends PageQuery {
  @IsOptional()
  @IsUUID(undefined, { message: 'must be a next_cursor of this list' })
  cursor?: string;

  /** `true` or `false` in a query string, a boolean on the bus. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  answered?: boolean;
}

export class ListWantedRequest extends WantedPage {}

/** One wanted question. Its text was screened: a query holding a credential is never recorded, personal data is replaced. */
export interface WantedView {
  id: string;
  /** The question as first asked (whitespace collapsed, personal data redacted). */
  query: string;
  /** The key it aggregates under (lower case, punctuation out, numbers, ids and paths as placeholders). */
  normalized_query: string;
  /** Searches that asked it. */
  count: number;
  /** Distinct searchers among them (searches that named their searcher). */
  searchers: number;
  first_seen_at: string;
  last_seen_at: string;
  /** The trace that answered it, once one did. */
  answered_by: string | null;
  answered_at: string | null;
}

export interface ListWantedReply {
  wanted: WantedView[];
  next_cursor: string | null;
}

export const contract = defineRequest<ListWantedRequest, ListWantedReply>('ct.v1.search.list-wanted', ListWantedRequest);
