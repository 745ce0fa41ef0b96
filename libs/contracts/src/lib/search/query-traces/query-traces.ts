import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { EachMatches } from '../../core/validators';
import { normalizeTags, TAG_PATTERN, TRACE_LIMITS } from '../../traces/trace-input';
import { TraceStatus } from '../../core/enums';
import { TrustSummary } from '../../traces/trust-summary';

/**
 * `maxFull`: with `include_full`, only the first results carry their full context and solution (each
 * up to 50,000 characters); the others keep their snippet. This keeps the reply under the bus limit
 * (MAX_REPLY_BYTES, about 1 MB) in both modes; read a trace in full with GET /traces/{id}.
 */
export const SEARCH_LIMITS = { q: 2000, maxLimit: 50, defaultLimit: 10, maxFull: 3 } as const;

/** POST /traces/search body and bus payload: words, tags (all must match), a limit, the searcher's context. */
export class QueryTracesRequest {
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_LIMITS.q)
  q?: string;

  @IsOptional()
  @Transform(({ value }) => normalizeTags(value))
  @IsArray()
  @ArrayMaxSize(TRACE_LIMITS.tags)
  @EachMatches(TAG_PATTERN, 'tags')
  tags?: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SEARCH_LIMITS.maxLimit)
  limit?: number;

  @IsOptional()
  @IsObject()
  context?: Record<string, unknown>;

  /** Also return the full context and solution text, for the first SEARCH_LIMITS.maxFull results. */
  @IsOptional()
  @IsBoolean()
  include_full?: boolean;
}

/** How a result's score was made, so a client can tell why it ranks where it does. */
export interface ScoreExplanation {
  lexical_rank: number | null;
  vector_rank: number | null;
  fusion: 'rrf';
}

export interface TraceHit {
  id: string;
  title: string;
  snippet: string;
  score: number;
  tags: string[];
  status: TraceStatus;
  explanation: ScoreExplanation;
  /** What votes and verifications say about it. */
  trust: TrustSummary;
  context_text?: string;
  solution_text?: string;
}

export interface QueryTracesReply {
  results: TraceHit[];
  /** Which retrievers answered: vectors are skipped when no embedding is available in time. */
  retrievers: ('lexical' | 'vector' | 'tags')[];
}

export const contract = defineRequest<QueryTracesRequest, QueryTracesReply>('ct.v1.search.query-traces', QueryTracesRequest);
