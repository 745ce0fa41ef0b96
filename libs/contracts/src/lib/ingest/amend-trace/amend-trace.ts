import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { AmendmentStatus } from '../../core/enums';
import { TRACE_LIMITS } from '../../traces/trace-input';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** POST /traces/{id}/amendments body: a better solution and why, optionally a better title or context. */
export class AmendmentInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.text)
  improved_solution: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  explanation: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.title)
  title?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.text)
  context_text?: string;
}

export class AmendTraceRequest extends AmendmentInput {
  @IsUUID()
  trace_id: string;

  @IsUUID()
  author_id: string;
}

export interface AmendmentView {
  id: string;
  trace_id: string;
  author_id: string;
  improved_solution: string;
  explanation: string;
  title: string | null;
  context_text: string | null;
  status: AmendmentStatus;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_at: string;
  redactions?: { field: string; kind: string; count: number }[];
}

export const contract = defineRequest<AmendTraceRequest, AmendmentView>('ct.v1.ingest.amend-trace', AmendTraceRequest);
