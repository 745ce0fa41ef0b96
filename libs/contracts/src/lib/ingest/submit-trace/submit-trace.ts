import { Type } from 'class-transformer';
import { IsUUID, ValidateNested } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { TraceInput } from '../../traces/trace-input';
import { TraceStatus } from '../../traces/trace-view';

export class SubmitTraceRequest {
  @IsUUID()
  contributor_id: string;

  @ValidateNested()
  @Type(() => TraceInput)
  trace: TraceInput;
}

export interface SubmitTraceReply {
  id: string;
  status: TraceStatus;
}

export const contract = defineRequest<SubmitTraceRequest, SubmitTraceReply>('ct.v1.ingest.submit', SubmitTraceRequest);
