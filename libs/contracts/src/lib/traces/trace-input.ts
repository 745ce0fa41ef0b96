import { Transform } from 'class-transformer';
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
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.title)
  title: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.text)
  context_text: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(TRACE_LIMITS.text)
  solution_text: string;

  @IsOptional()
  @Transform(({ value }) => normalizeTags(value))
  @IsArray()
  @ArrayMaxSize(TRACE_LIMITS.tags)
  @EachMatches(TAG_PATTERN, 'tags (use 1-50 of a-z 0-9 . + # _ -)')
  tags?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(TRACE_LIMITS.agentField)
  agent_model?: string;

  @IsOptional()
  @IsString()
  @MaxLength(TRACE_LIMITS.agentField)
  agent_version?: string;

  @IsOptional()
  @IsObject()
  @MaxJsonBytes(TRACE_LIMITS.metadataBytes)
  metadata_json?: Record<string, unknown>;

  /** Store it even when it duplicates an existing trace; it is then linked to that trace as duplicate_of. */
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
