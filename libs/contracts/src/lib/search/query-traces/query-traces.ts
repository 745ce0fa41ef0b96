import { Transform } from 'class-transformer';
import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { EachMatches, MaxJsonBytes } from '../../core/validators';
import { normalizeTags, TAG_PATTERN, TRACE_LIMITS } from '../../traces/trace-input';
import { TraceStatus } from '../../core/enums';
import { TrustSummary } from '../../traces/trust-summary';

/**
 * `maxFull`: with `include_full`, only the first results carry their full context and solution (each
 * up to 50,000 characters); the others keep their snippet. This keeps the reply under the bus limit
 * (MAX_REPLY_BYTES, about 1 MB) in both modes; read a trace in full with GET /traces/{id}.
 */
export const SEARCH_LIMITS = { q: 2000, maxLimit: 50, defaultLimit: 10, maxFull: 3, depth: 200, related: 3, contextBytes: 8192 } as const;

/**
 * `ranked` (the default): every retriever, fused, then re-ranked by trust, freshness, context and
 * status, near-duplicates collapsed. `hybrid`: fused retrievers without the re-rank. `lexical` and
 * `vector`: one retriever alone (for diagnosis and evaluation).
 */
export const SEARCH_MODES = ['ranked', 'hybrid', 'lexical', 'vector'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/** Statuses a search may be asked for; hidden traces are never returned. */
export const SEARCHABLE_STATUSES = ['pending', 'validated', 'stale', 'disputed', 'superseded'] as const;

/** A `next_cursor`: how far the list has been read, and a fingerprint of the search it belongs to. */
export const SEARCH_CURSOR_PATTERN = /^[0-9]{1,3}\.[0-9a-f]{16}$/;

/** POST /traces/search body and bus payload: words, tags (all must match), a limit, the searcher's context. */
export class QueryTracesRequest {
  @ApiPropertyOptional({ maxLength: SEARCH_LIMITS.q, nullable: true, example: 'docker container cannot connect to postgres on localhost', description: 'words to search for (CommonTrace v1); null or absent for a tag-only search' })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_LIMITS.q)
  q?: string;

  @ApiPropertyOptional({ type: [String], maxItems: TRACE_LIMITS.tags, items: { type: 'string', pattern: TAG_PATTERN.source }, example: ['docker'], description: 'every tag must match (CommonTrace v1); normalized like a trace\'s tags' })
  @IsOptional()
  @Transform(({ value }) => normalizeTags(value))
  @IsArray()
  @ArrayMaxSize(TRACE_LIMITS.tags)
  @EachMatches(TAG_PATTERN, 'tags')
  tags?: string[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: SEARCH_LIMITS.maxLimit, default: SEARCH_LIMITS.defaultLimit, example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SEARCH_LIMITS.maxLimit)
  limit?: number;

  /** The searcher's environment (language, framework, runtime, os, packages/versions/tools): results that fit it rise. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { language: 'python', os: 'linux', versions: { python: '3.12' } }, description: `the searcher's environment (CommonTrace v1): results that fit it rise; at most ${SEARCH_LIMITS.contextBytes} bytes` })
  @IsOptional()
  @IsObject()
  @MaxJsonBytes(SEARCH_LIMITS.contextBytes)
  context?: Record<string, unknown>;

  /** Only traces of this language / framework (as detected or declared at contribution). */
  @ApiPropertyOptional({ pattern: TAG_PATTERN.source, example: 'python', description: 'only traces of this language' })
  @IsOptional()
  @IsString()
  @Matches(TAG_PATTERN, { message: 'must be 1-50 of a-z 0-9 . + # _ -' })
  language?: string;

  @ApiPropertyOptional({ pattern: TAG_PATTERN.source, example: 'fastapi', description: 'only traces of this framework' })
  @IsOptional()
  @IsString()
  @Matches(TAG_PATTERN, { message: 'must be 1-50 of a-z 0-9 . + # _ -' })
  framework?: string;

  /** Only traces in these statuses; by default every status but superseded (whose successor is shown instead). */
  @ApiPropertyOptional({ type: [String], enum: SEARCHABLE_STATUSES, example: ['validated'], description: 'only traces in these statuses (default: all but superseded)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SEARCHABLE_STATUSES.length)
  @IsIn(SEARCHABLE_STATUSES, { each: true, message: `each must be one of ${SEARCHABLE_STATUSES.join(', ')}` })
  status?: TraceStatus[];

  /** `next_cursor` of the previous page of the same search. */
  @ApiPropertyOptional({ pattern: SEARCH_CURSOR_PATTERN.source, example: '10.3f2a9c0d1e4b5a67', description: 'next_cursor of the previous page of the same search' })
  @IsOptional()
  @IsString()
  @Matches(SEARCH_CURSOR_PATTERN, { message: 'must be a next_cursor of this search' })
  cursor?: string;

  @ApiPropertyOptional({ enum: SEARCH_MODES, default: 'ranked', example: 'ranked' })
  @IsOptional()
  @IsIn(SEARCH_MODES)
  mode?: SearchMode;

  /** Every factor of every result's score. */
  @ApiPropertyOptional({ example: false, description: 'every factor of every result\'s score' })
  @IsOptional()
  @IsBoolean()
  explain?: boolean;

  /** Who searches (set by the gateway from the API key, whatever a client sends): counts distinct askers on the wanted list. */
  @ApiHideProperty()
  @IsOptional()
  @IsUUID()
  searcher_id?: string;

  /** Also return the full context and solution text, for the first SEARCH_LIMITS.maxFull results. */
  @ApiPropertyOptional({ example: false, description: `the full context and solution of the first ${SEARCH_LIMITS.maxFull} results` })
  @IsOptional()
  @IsBoolean()
  include_full?: boolean;
}

/** How a result's score was made (with `explain: true`), so a client can tell why it ranks where it does. */
export interface ScoreExplanation {
  /** 1-based rank in each retriever's list, null when it did not find the trace. */
  signature_rank: number | null;
  lexical_rank: number | null;
  vector_rank: number | null;
  /** The weighted reciprocal-rank fusion of those ranks. */
  fusion: number;
  /** The re-rank factors (mode `ranked`): each a multiplier with what it was computed from. */
  factors?: Record<string, { value: number } & Record<string, unknown>>;
  /** The result's score: fusion × every factor. */
  final: number;
}

/** A trace linked to a result (`related`, `alternative_to`, …), riding along with it. */
export interface RelatedTrace {
  id: string;
  title: string;
  kind: string;
}

export interface TraceHit {
  id: string;
  title: string;
  snippet: string;
  score: number;
  tags: string[];
  status: TraceStatus;
  language: string | null;
  framework: string | null;
  /** How many traces this result stands for: near-duplicates collapse into the best of them. */
  stands_for: number;
  /** The superseded trace the query matched, when this result is its successor shown in its place. */
  replaces?: string;
  related: RelatedTrace[];
  /** Only with `explain: true`. */
  explanation?: ScoreExplanation;
  /** What votes and verifications say about it. */
  trust: TrustSummary;
  context_text?: string;
  solution_text?: string;
}

export interface QueryTracesReply {
  results: TraceHit[];
  /** CommonTrace v1: how many results this page holds. */
  total: number;
  /** CommonTrace v1: the words searched for (trimmed), null for a search by tags alone. */
  query: string | null;
  /** Which retrievers answered: vectors are skipped when no embedding is available in time. */
  retrievers: ('signatures' | 'lexical' | 'vector' | 'tags')[];
  mode: SearchMode;
  /** Pass as `cursor` for the next page; null at the end (searches go SEARCH_LIMITS.depth results deep). */
  next_cursor: string | null;
}

export const contract = defineRequest<QueryTracesRequest, QueryTracesReply>('ct.v1.search.query-traces', QueryTracesRequest);
