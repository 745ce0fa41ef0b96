import { IsOptional, IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { PageQuery } from '../../core/paging';
import { AmendmentView } from '../amend-trace/amend-trace';

/** `GET /traces/{id}/amendments?limit=&cursor=`: newest first. */
export class AmendmentsPage extends PageQuery {
  /** `next_cursor` of the previous page: the list continues with the amendments proposed before it. */
  @IsOptional()
  @IsUUID(undefined, { message: 'must be a next_cursor of this list' })
  cursor?: string;
}

export class ListAmendmentsRequest extends AmendmentsPage {
  @IsUUID()
  trace_id: string;
}

export interface ListAmendmentsReply {
  amendments: AmendmentView[];
  /** Send it back as `cursor` for the next page; null when this page ends the list. */
  next_cursor: string | null;
}

export const contract = defineRequest<ListAmendmentsRequest, ListAmendmentsReply>('ct.v1.ingest.list-amendments', ListAmendmentsRequest);
