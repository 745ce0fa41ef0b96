import { IsOptional, IsUUID, Matches } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { PageQuery } from '../../core/paging';

/** `GET /traces/{id}/versions?limit=&cursor=`: newest first, so the first item is the current version. */
export class VersionsPage extends PageQuery {
  /** `next_cursor` of the previous page: the list continues with the versions below it. */
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,8}$/, { message: 'must be a next_cursor of this list' })
  cursor?: string;
}

export class ListVersionsRequest extends VersionsPage {
  @IsUUID()
  trace_id: string;
}

export interface TraceVersionView {
  version: number;
  title: string;
  context_text: string;
  solution_text: string;
  tags: string[];
  created_by: string;
  created_at: string;
  current: boolean;
}

export interface ListVersionsReply {
  /** Newest first; on the first page the first one is the current version. */
  versions: TraceVersionView[];
  /** The trace's current version number (what an amendment's `base_version` must be). */
  current_version: number;
  /** Send it back as `cursor` for the next page; null when this page ends the list. */
  next_cursor: string | null;
}

export const contract = defineRequest<ListVersionsRequest, ListVersionsReply>('ct.v1.ingest.list-versions', ListVersionsRequest);
