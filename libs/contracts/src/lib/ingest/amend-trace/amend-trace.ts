import { Transform } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { AmendmentStatus } from '../../core/enums';
import { TRACE_LIMITS } from '../../traces/trace-input';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** POST /traces/{id}/amendments body: a better solution and why, optionally a better title or context. */
export class AmendmentInput {
  @ApiProperty({ minLength: 1, maxLength: TRACE_LIMITS.text, example: 'Use host.docker.internal (add extra_hosts: host-gateway on Linux).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.text)
  improved_solution: string;

  @ApiProperty({ minLength: 1, maxLength: 5000, example: 'On Linux host.docker.internal needs the host-gateway mapping.' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  explanation: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: TRACE_LIMITS.title, example: 'Docker container cannot reach PostgreSQL on the host' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.title)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: TRACE_LIMITS.text, example: 'Connecting to localhost:5432 from a container fails with ECONNREFUSED.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.text)
  context_text?: string;

  /**
   * The version of the trace this amendment was written against. When absent, the trace's
   * current version at the time of proposing. An amendment can be accepted only while its base
   * is still the current version (409 stale_amendment otherwise).
   */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2_147_483_647, example: 1, description: 'the version it was written against (default: the current one); 409 stale_amendment when it is no longer current at review' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  base_version?: number;
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
  /** The version it was written against. */
  base_version: number;
  status: AmendmentStatus;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_at: string;
  /**
   * The trace's version after this amendment, when it was accepted at once (its author owns the
   * trace or has the edit privilege).
   */
  trace_version?: number;
  redactions?: { field: string; kind: string; count: number }[];
}

export const contract = defineRequest<AmendTraceRequest, AmendmentView>('ct.v1.ingest.amend-trace', AmendTraceRequest);
