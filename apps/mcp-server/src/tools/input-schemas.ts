import { z } from 'zod';
import {
  ENVIRONMENT_LIMITS,
  FEEDBACK_TAGS,
  FLAG_CATEGORIES,
  LINK_KINDS,
  ReputationCastVote,
  ReputationFlagTrace,
  ReputationRecordVerification,
  SearchListTags,
  SearchQueryTraces,
  TAG_PATTERN,
  TRACE_LIMITS,
  VERIFICATION_OUTCOMES,
  VOTE_DIRECTIONS,
} from '@commontrace/contracts';

/**
 * The tools' input schemas: the same fields, limits and rules as the gateway's validation
 * (libs/contracts), so an agent learns a mistake from the schema or from the SDK's validation
 * error before a request leaves. The gateway validates again; its answer is the last word.
 */
const { SEARCH_LIMITS, SEARCH_MODES, SEARCHABLE_STATUSES, SEARCH_CURSOR_PATTERN } = SearchQueryTraces;
const { REASON_MAX_LENGTH } = ReputationFlagTrace;
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
const traceId = (what: string) => z.uuid().describe(what);
const tag = z
  .string()
  .transform((t) => t.trim().toLowerCase())
  .pipe(z.string().regex(TAG_PATTERN, 'a tag is 1-50 of a-z 0-9 . + # _ -'));
const tags = z.array(tag).max(TRACE_LIMITS.tags);
const L = ENVIRONMENT_LIMITS;
const versions = z
  .record(z.string().min(1).max(L.name), z.string().max(L.version))
  .refine((v) => Object.keys(v).length <= L.names, `at most ${L.names} entries`)
  .optional();

/** language, framework, runtime, os, and packages / versions / tools as name → version (8 KB at most). */
export const environmentSchema = z
  .strictObject({
    language: z.string().max(L.text).optional(),
    framework: z.string().max(L.text).optional(),
    runtime: z.string().max(L.text).optional(),
    os: z.string().max(L.text).optional(),
    packages: versions,
    versions: versions,
    tools: versions,
  })
  .refine((env) => jsonBytes(env) <= L.bytes, `at most ${L.bytes} bytes as JSON`);

export const searchInput = z
  .object({
    q: z.string().max(SEARCH_LIMITS.q).optional().describe('What you are stuck on, in plain words; paste an error message as it is'),
    tags: tags.optional().describe('Only traces that carry all of these tags'),
    limit: z.int().min(1).max(SEARCH_LIMITS.maxLimit).optional().describe(`Results, 1-${SEARCH_LIMITS.maxLimit} (default 5)`),
    context: environmentSchema.optional().describe('Your environment: traces that fit it rank higher'),
    language: z.string().regex(TAG_PATTERN).optional().describe('Only traces of this language'),
    framework: z.string().regex(TAG_PATTERN).optional().describe('Only traces of this framework'),
    status: z.array(z.enum(SEARCHABLE_STATUSES)).max(SEARCHABLE_STATUSES.length).optional(),
    cursor: z.string().regex(SEARCH_CURSOR_PATTERN, 'a next_cursor of this search').optional().describe('next_cursor of the previous page'),
    mode: z.enum(SEARCH_MODES).optional(),
  })
  .refine((q) => (q.q !== undefined && q.q.trim() !== '') || (q.tags?.length ?? 0) > 0, { message: 'give q, tags, or both', path: ['q'] });

export const getTraceInput = z.object({ trace_id: traceId('The id of a trace (from search_traces)') });

export const contributeInput = z.object({
  title: z.string().trim().min(1).max(TRACE_LIMITS.title).describe('The problem in one line, as someone would search for it'),
  context_text: z.string().min(1).max(TRACE_LIMITS.text).describe('What you were doing, the exact error, versions and environment'),
  solution_text: z.string().min(1).max(TRACE_LIMITS.text).describe('What fixed it and why, with the commands or code'),
  tags: tags.optional().describe('Up to 20 tags: language, tools, libraries'),
  agent_model: z.string().max(TRACE_LIMITS.agentField).optional(),
  agent_version: z.string().max(TRACE_LIMITS.agentField).optional(),
  metadata_json: z
    .record(z.string(), z.unknown())
    .refine((m) => jsonBytes(m) <= TRACE_LIMITS.metadataBytes, `at most ${TRACE_LIMITS.metadataBytes} bytes as JSON`)
    .optional(),
  force: z.boolean().optional().describe('Store it even though it duplicates an existing trace (it is then linked as duplicate_of)'),
});

const V = ReputationCastVote.VOTE_LIMITS;
export const voteInput = z
  .object({
    trace_id: traceId('The trace you judge'),
    vote_type: z.enum(VOTE_DIRECTIONS),
    feedback_tag: z
      .string()
      .trim()
      .min(1)
      .max(V.tag)
      .regex(/^[a-z0-9_-]+$/)
      .optional()
      .describe(`Required for a down vote: one of ${FEEDBACK_TAGS.join(', ')}`),
    feedback_text: z.string().trim().min(V.feedbackMin).max(V.feedbackMax).describe('Why, and what to improve (at least 10 characters)'),
    voter_context: environmentSchema.optional(),
  })
  .refine((v) => v.vote_type === 'up' || (FEEDBACK_TAGS as readonly string[]).includes(v.feedback_tag ?? ''), {
    message: `a down vote needs a feedback_tag: ${FEEDBACK_TAGS.join(', ')}`,
    path: ['feedback_tag'],
  });

const VL = ReputationRecordVerification.VERIFICATION_LIMITS;
export const verifyInput = z
  .object({
    trace_id: traceId('The trace you applied'),
    outcome: z.enum(VERIFICATION_OUTCOMES),
    environment: environmentSchema.describe('Where you applied it'),
    changes: z.string().trim().min(1).max(VL.changes).optional().describe('What you had to change (required for worked_with_changes)'),
    error_signature: z.string().trim().min(1).max(VL.errorSignature).optional().describe('The error it resolved'),
  })
  .refine((v) => v.outcome !== 'worked_with_changes' || v.changes !== undefined, { message: 'worked_with_changes needs changes', path: ['changes'] });

export const amendInput = z.object({
  trace_id: traceId('The trace to improve'),
  improved_solution: z.string().min(1).max(TRACE_LIMITS.text).describe('The whole improved solution (not a diff)'),
  explanation: z.string().trim().min(1).max(5000).describe('What was wrong or missing, and why this is better'),
  title: z.string().trim().min(1).max(TRACE_LIMITS.title).optional(),
  context_text: z.string().min(1).max(TRACE_LIMITS.text).optional(),
  base_version: z.int().min(1).max(2_147_483_647).optional().describe('The version you read (get_trace); defaults to the current one'),
});

export const linkInput = z.object({
  source_id: traceId('This trace…'),
  kind: z.enum(LINK_KINDS).describe('…is related / an alternative_to / contradicts / a duplicate_of / supersedes…'),
  target_id: traceId('…that trace'),
});

export const flagInput = z
  .object({
    trace_id: traceId('The trace that should not be served'),
    category: z.enum(FLAG_CATEGORIES),
    reason: z.string().trim().min(1).max(REASON_MAX_LENGTH),
    duplicate_of: z.uuid().optional().describe('For a duplicate flag: the original trace'),
  })
  .refine((f) => (f.category === 'duplicate') === (f.duplicate_of !== undefined), {
    message: 'duplicate_of is required for a duplicate flag and refused otherwise',
    path: ['duplicate_of'],
  });

const T = SearchListTags.TAG_LIST_LIMITS;
export const listTagsInput = z.object({
  prefix: tag.optional().describe('Only tags that start with this'),
  limit: z.int().min(1).max(T.maxLimit).optional().describe(`At most this many (1-${T.maxLimit}, default 50)`),
});

export const reputationInput = z.object({
  contributor_id: z.uuid().optional().describe("Whose reputation (a trace's contributor_id); leave out for your own"),
});
