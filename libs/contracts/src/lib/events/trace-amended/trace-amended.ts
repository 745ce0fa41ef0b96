import { IsInt, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../../core/contract';

/** An amendment was accepted: the trace has a new version (and new text to embed). */
export class TraceAmendedEvent {
  @IsUUID()
  trace_id: string;

  @IsUUID()
  amendment_id: string;

  @IsUUID()
  author_id: string;

  @IsInt()
  version: number;

  @IsString()
  content_hash: string;
}

export const contract = defineEvent('ct.v1.evt.trace.amended', TraceAmendedEvent);
