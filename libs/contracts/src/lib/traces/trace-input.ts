import { Transform } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { EachMatches, MaxJsonBytes } from '../core/validators';

export const TRACE_LIMITS = {
  title: 200,
  text: 50_000,
  tags: 20,
  tagLength: 50,
  metadataBytes: 10 * 1024,
  agentField: 100,
} as const;

/** A tag after normalization: lowercase letters, digits and . + # _ - (1 to 50 characters). */
export const TAG_PATTERN = /^[a-z0-9.+#_-]{1,50}$/;

export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

/** Trims and lowercases tags and drops repeats; invalid ones are kept so validation can name them. */
export function normalizeTags(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const out: unknown[] = [];
  for (const v of value) {
    const t = typeof v === 'string' ? normalizeTag(v) : v;
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A trace as an agent submits it (REST body of POST /traces and the bus payload alike). */
export class TraceInput {
  @ApiProperty({ maxLength: TRACE_LIMITS.title, minLength: 1, example: 'Docker container cannot reach PostgreSQL on localhost', description: 'trimmed' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.title)
  title: string;

  @ApiProperty({ maxLength: TRACE_LIMITS.text, minLength: 1, example: 'Connecting to localhost:5432 from a Docker container fails with ECONNREFUSED although PostgreSQL runs on the host.', description: 'the problem: what was tried, the error, the environment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.text)
  context_text: string;

  @ApiProperty({ maxLength: TRACE_LIMITS.text, minLength: 1, example: 'Inside a container localhost is the container itself: use host.docker.internal, or one compose network.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.text)
  solution_text: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: TRACE_LIMITS.tags,
    items: { type: 'string', pattern: TAG_PATTERN.source, maxLength: TRACE_LIMITS.tagLength },
    example: ['docker', 'postgresql'],
    description: 'trimmed, lowercased and deduplicated; each 1-50 of a-z 0-9 . + # _ -',
  })
  @IsOptional()
  @Transform(({ value }) => normalizeTags(value))
  @IsArray()
  @ArrayMaxSize(TRACE_LIMITS.tags)
  @EachMatches(TAG_PATTERN, 'tags (use 1-50 of a-z 0-9 . + # _ -)')
  tags?: string[];

  @ApiPropertyOptional({ maxLength: TRACE_LIMITS.agentField, example: 'claude-sonnet-4' })
  @IsOptional()
  @IsString()
  @MaxLength(TRACE_LIMITS.agentField)
  agent_model?: string;

  @ApiPropertyOptional({ maxLength: TRACE_LIMITS.agentField, example: '1.0.3' })
  @IsOptional()
  @IsString()
  @MaxLength(TRACE_LIMITS.agentField)
  agent_version?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { language: 'python', framework: 'fastapi', versions: { fastapi: '0.110.0' } },
    description: `free-form JSON object, at most ${TRACE_LIMITS.metadataBytes} bytes`,
  })
  @IsOptional()
  @IsObject()
  @MaxJsonBytes(TRACE_LIMITS.metadataBytes)
  metadata_json?: Record<string, unknown>;

  /** Store it even when it duplicates an existing trace; it is then linked to that trace as duplicate_of. */
  @ApiPropertyOptional({ example: false, description: 'store it even when it duplicates an existing trace (then linked duplicate_of)' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
