import { Type } from 'class-transformer';
import { IsBase64, IsInt, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { defineEvent } from '../../core/contract';
import { MAX_FLOAT32_BASE64_LENGTH } from '../../core/float32-base64';

/** The vector ingest already computed for the duplicate check, so the trace is embedded once. */
export class TraceVector {
  /** The model id the vector belongs to; the embedding service stores it only for that model. */
  @IsString()
  @MaxLength(200)
  model: string;

  /**
   * The values, little-endian float32 in base64 (`packFloat32`; `unpackFloat32` reads them):
   * every consumer of the event parses and validates it, and a vector as JSON numbers cost each
   * of them more than the rest of the event. Absent in an event written before it replaced the
   * JSON `vector`: that event stays valid, and its trace is embedded again.
   */
  @IsOptional()
  @IsBase64()
  @MaxLength(MAX_FLOAT32_BASE64_LENGTH)
  float32?: string;
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
