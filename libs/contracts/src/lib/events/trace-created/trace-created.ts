import { IsInt, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../../core/contract';

/** A trace was stored; consumers read its text from the traces table (the event stays small). */
export class TraceCreatedEvent {
  @IsUUID()
  trace_id: string;

  @IsUUID()
  contributor_id: string;

  @IsString()
  content_hash: string;

  @IsInt()
  version: number;
}

export const contract = defineEvent('ct.v1.evt.trace.created', TraceCreatedEvent);
