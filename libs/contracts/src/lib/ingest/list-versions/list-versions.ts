import { IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';

export class ListVersionsRequest {
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
  versions: TraceVersionView[];
}

export const contract = defineRequest<ListVersionsRequest, ListVersionsReply>('ct.v1.ingest.list-versions', ListVersionsRequest);
