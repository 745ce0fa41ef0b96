import { Type } from 'class-transformer';
import { IsUUID, ValidateNested } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { TraceInput } from '../../traces/trace-input';
import { TraceStatus } from '../../core/enums';

export class SubmitTraceRequest {
  @IsUUID()
  contributor_id: string;

  @ValidateNested()
  @Type(() => TraceInput)
  trace: TraceInput;
}

/** Personal data replaced by a placeholder before storing (e-mail addresses, user names in paths, IPs, phones). */
export interface Redaction {
  field: string;
  kind: string;
  count: number;
}

export interface SubmitTraceReply {
  id: string;
  status: TraceStatus;
  redactions: Redaction[];
  /** Set when a duplicate was stored on request (`force`): the trace it duplicates. */
  duplicate_of?: string;
  /**
   * Set when an existing trace looks close but the evidence is not strong enough to call this one
   * a duplicate: the trace was stored and linked `related` to that one.
   */
  related_to?: string;
}

export const contract = defineRequest<SubmitTraceRequest, SubmitTraceReply>('ct.v1.ingest.submit-trace', SubmitTraceRequest);
