import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { defineEvent } from '../../core/contract';

/** The vector ingest already computed for the duplicate check, so the trace is embedded once. */
export class TraceVector {
  /** The model id the vector belongs to; the embedding service stores it only for that model. */
  @IsString()
  @MaxLength(200)
  model: string;

  @IsArray()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  vector: number[];
}

/** A trace was stored; consumers read its text from the traces table. */
export class TraceCreatedEvent {
  @IsUUID()
  trace_id: string;

  @IsUUID()
  contributor_id: string;

  @IsString()
  content_hash: string;

  @IsInt()
  version: number;

  /** Present when ingest embedded the text (of this exact content hash) before storing it. */
  @IsOptional()
  @ValidateNested()
  @Type(() => TraceVector)
  embedding?: TraceVector;
}

export const contract = defineEvent('ct.v1.evt.trace.created', TraceCreatedEvent);
