import { IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../../core/contract';

export class TraceEmbeddedEvent {
  @IsUUID()
  trace_id: string;

  @IsString()
  model: string;

  @IsString()
  content_hash: string;
}

export const contract = defineEvent('ct.v1.evt.trace.embedded', TraceEmbeddedEvent);
