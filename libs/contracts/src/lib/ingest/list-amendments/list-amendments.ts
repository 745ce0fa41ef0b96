import { IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { AmendmentView } from '../amend-trace/amend-trace';

export class ListAmendmentsRequest {
  @IsUUID()
  trace_id: string;
}

export interface ListAmendmentsReply {
  amendments: AmendmentView[];
}

export const contract = defineRequest<ListAmendmentsRequest, ListAmendmentsReply>('ct.v1.ingest.list-amendments', ListAmendmentsRequest);
