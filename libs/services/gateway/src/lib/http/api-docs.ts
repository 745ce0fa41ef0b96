import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorCode, HTTP_STATUS_BY_CODE } from '@commontrace/contracts';

/** An OpenAPI header object, as the responses here use it. */
interface HeaderObject {
  description: string;
  schema: { type: 'integer'; example: number };
}

const ERROR_CODES = Object.values(ErrorCode);

/** One field that failed validation. */
export class FieldErrorView {
  @ApiProperty({ example: 'title', description: 'the field (a dotted path for nested ones, a header name for headers)' })
  field!: string;

  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters' })
  message!: string;
}

/**
 * Every error of the API (RFC 9457 problem details, `application/problem+json`). `code` is the
 * stable value to match on; `detail` the human message. Some codes add members of their own at
 * the top level (`insufficient_reputation`: privilege, required_points, points; `missing_scope`:
 * scope; `rate_limited`: limit; `duplicate_trace`: duplicate_of; `secret_detected`: findings).
 */
export class ProblemDetails {
  @ApiProperty({ example: 'https://commontrace.dev/problems/validation_failed', description: 'a URI naming the code' })
  type!: string;

  @ApiProperty({ example: 'validation failed', description: 'the code in words' })
  title!: string;

  @ApiProperty({ example: 400, description: 'the HTTP status, repeated' })
  status!: number;

  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters', description: 'what went wrong (the message)' })
  detail!: string;

  @ApiProperty({ example: '/api/v1/traces', description: 'the path that answered' })
  instance!: string;

  @ApiProperty({ enum: ERROR_CODES, example: ErrorCode.ValidationFailed, description: 'stable error code: clients match on this' })
  code!: ErrorCode;

  @ApiProperty({ example: '8d0c6a1e-4d7b-4c55-9a53-0e0b7f9c2a11', description: 'the X-Request-Id of the request, for support and logs' })
  request_id!: string;

  @ApiPropertyOptional({ type: [FieldErrorView], description: 'validation_failed: one entry per field that failed' })
  errors?: FieldErrorView[];
}

const header = (description: string, example: number): HeaderObject => ({ description, schema: { type: 'integer', example } });

/** The RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers) on every counted answer: the limit the client is closest to. */
export const RATE_LIMIT_HEADERS: Record<string, HeaderObject> = {
  'RateLimit-Limit': header('requests allowed in the window the client is closest to exhausting', 300),
  'RateLimit-Remaining': header('requests left in that window', 287),
  'RateLimit-Reset': header('seconds until that window ends', 41),
};

const RETRY_AFTER: Record<string, HeaderObject> = { 'Retry-After': header('seconds to wait before retrying', 30) };

/** What each code means for a client, in the OpenAPI document. */
const CODE_MEANINGS: Record<ErrorCode, string> = {
  validation_failed: 'a field or query parameter breaks a rule (see errors[])',
  malformed_body: 'the body is not JSON',
  payload_too_large: 'the body is larger than 1 MB',
  unsupported_media_type: 'the body is not application/json, or its charset or encoding is not supported',
  unauthorized: 'no X-API-Key, or it is unknown, revoked or expired',
  forbidden: 'not allowed, whatever the reputation (e.g. voting on your own trace)',
  missing_scope: 'the key lacks the scope the route needs (details: scope)',
  account_suspended: "the key's account is suspended by the operator; its keys work again once it is restored",
  insufficient_reputation: 'the privilege needs more reputation points (details: privilege, required_points, points)',
  not_found: 'no such resource (hidden traces answer 404 to readers)',
  conflict: 'the resource is not in a state that allows this',
  request_in_progress: 'a request with this Idempotency-Key is still running',
  idempotency_key_reused: 'this Idempotency-Key was used with another request',
  duplicate_trace: 'the trace duplicates an existing one (details: duplicate_of); resend with force: true to store it anyway',
  stale_amendment: 'the trace changed since the amendment was written (base_version is no longer current)',
  secret_detected: 'the text holds something that looks like a credential; nothing was stored',
  content_too_complex: 'the text is too complex to screen in time; nothing was stored',
  rate_limited: 'a tier limit is used up (details: limit); wait Retry-After seconds',
  service_unavailable: 'a service behind the gateway is not reachable; retry after Retry-After seconds',
  upstream_timeout: 'a service behind the gateway did not answer in time; retry after Retry-After seconds',
  reply_too_large: 'the answer would exceed the bus limit',
  internal_error: 'an unexpected failure (logged, never detailed)',
};

/**
 * The errors that every route with an API key can answer: no or a bad key, a missing scope, a
 * suspended account, a tier limit, and 503 when the counters are unreachable with RATE_LIMIT_STORE_FAILURE=closed.
 */
export const AUTHENTICATED_PROBLEMS: readonly ErrorCode[] = [
  ErrorCode.Unauthorized,
  ErrorCode.MissingScope,
  ErrorCode.AccountSuspended,
  ErrorCode.RateLimited,
  ErrorCode.ServiceUnavailable,
];

/** The errors of a route that asks a service over the bus: none answers, or not in time. */
export const BUS_PROBLEMS: readonly ErrorCode[] = [ErrorCode.ServiceUnavailable, ErrorCode.UpstreamTimeout];

/** The errors of reading a JSON body (the gateway's body parser and validation pipe). */
export const BODY_PROBLEMS: readonly ErrorCode[] = [
  ErrorCode.MalformedBody,
  ErrorCode.ValidationFailed,
  ErrorCode.PayloadTooLarge,
  ErrorCode.UnsupportedMediaType,
];

/** The errors of a write sent with an Idempotency-Key. */
export const IDEMPOTENCY_PROBLEMS: readonly ErrorCode[] = [ErrorCode.RequestInProgress, ErrorCode.IdempotencyKeyReused];

/** The problem responses for some codes, one per HTTP status (several codes may share one), as OpenAPI responses. */
export function problemResponses(codes: readonly ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = HTTP_STATUS_BY_CODE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, group]) => ({
      status,
      description: group.map((code) => `\`${code}\`: ${CODE_MEANINGS[code]}`).join('; '),
      headers: status === HttpStatus.TOO_MANY_REQUESTS ? { ...RETRY_AFTER, ...RATE_LIMIT_HEADERS } : status >= 503 ? RETRY_AFTER : undefined,
      content: {
        'application/problem+json': {
          schema: { allOf: [{ $ref: getSchemaPath(ProblemDetails) }, { properties: { code: { type: 'string', enum: group } } }] },
          examples: Object.fromEntries(group.map((code) => [code, { $ref: `#/components/examples/${problemExampleName(code)}` }])),
        },
      },
    }));
}

/** The name of a code's example in components.examples. */
export const problemExampleName = (code: ErrorCode) => `problem.${code}`;

/** An example of every code's problem, for components.examples (the responses refer to them). */
export function problemExamples(): Record<string, { summary: string; value: ReturnType<typeof problemExample> }> {
  return Object.fromEntries(ERROR_CODES.map((code) => [problemExampleName(code), { summary: CODE_MEANINGS[code], value: problemExample(code) }]));
}

function problemExample(code: ErrorCode) {
  const status = HTTP_STATUS_BY_CODE[code];
  return {
    type: `https://commontrace.dev/problems/${code}`,
    title: code.replace(/_/g, ' '),
    status,
    detail: CODE_MEANINGS[code],
    instance: '/api/v1/traces',
    code,
    request_id: '8d0c6a1e-4d7b-4c55-9a53-0e0b7f9c2a11',
    ...(code === ErrorCode.ValidationFailed ? { errors: [{ field: 'title', message: 'title must be shorter than or equal to 200 characters' }] } : {}),
  };
}

/**
 * The error responses a route can give, in one line: `@ApiProblems(...AUTHENTICATED_PROBLEMS,
 * ...BODY_PROBLEMS, ErrorCode.NotFound)`. Each status is documented once with the codes it may
 * carry (problem+json, `code` narrowed to them, an example per code); 429 documents Retry-After
 * and the RateLimit-* headers, 503 and 504 Retry-After.
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiExtraModels(ProblemDetails), ...problemResponses(codes).map((response) => ApiResponse(response)));
}

/** The success response of a counted route: its schema, an example built from the model's property examples, and the RateLimit-* headers. */
export function ApiSuccess(status: 200 | 201, type: Type<unknown>, description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, type, description, headers: RATE_LIMIT_HEADERS });
}
