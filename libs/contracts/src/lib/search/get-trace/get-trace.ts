import { IsOptional, IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { TraceView } from '../../traces/trace-view';

export class GetTraceRequest {
  @IsUUID()
  id: string;

  /** Who reads it: the trace's owner also sees `suggested_changes`. */
  @IsOptional()
  @IsUUID()
  reader_id?: string;
}

export type GetTraceReply = TraceView;

export const contract = defineRequest<GetTraceRequest, GetTraceReply>('ct.v1.search.get-trace', GetTraceRequest);
