import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../../core/contract';
import { TRACE_STATUSES, TraceStatus } from '../../core/enums';

export class TraceStatusChangedEvent {
  @IsUUID()
  trace_id: string;

  @IsIn(TRACE_STATUSES)
  from: TraceStatus;

  @IsIn(TRACE_STATUSES)
  to: TraceStatus;

  @IsString()
  reason: string;

  @IsOptional()
  @IsUUID()
  related_trace_id?: string;
}

export const contract = defineEvent('ct.v1.evt.trace.status-changed', TraceStatusChangedEvent);
