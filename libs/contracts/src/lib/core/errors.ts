/** Stable error codes: clients match on these, so they never change meaning. */
export const ErrorCode = {
  ValidationFailed: 'validation_failed',
  MalformedBody: 'malformed_body',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  MissingScope: 'missing_scope',
  AccountSuspended: 'account_suspended',
  InsufficientReputation: 'insufficient_reputation',
  NotFound: 'not_found',
  Conflict: 'conflict',
  RequestInProgress: 'request_in_progress',
  IdempotencyKeyReused: 'idempotency_key_reused',
  DuplicateTrace: 'duplicate_trace',
  StaleAmendment: 'stale_amendment',
  SecretDetected: 'secret_detected',
  ContentTooComplex: 'content_too_complex',
  RateLimited: 'rate_limited',
  ServiceUnavailable: 'service_unavailable',
  UpstreamTimeout: 'upstream_timeout',
  ReplyTooLarge: 'reply_too_large',
  Internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_body: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  forbidden: 403,
  missing_scope: 403,
  account_suspended: 403,
  insufficient_reputation: 403,
  not_found: 404,
  conflict: 409,
  request_in_progress: 409,
  idempotency_key_reused: 422,
  duplicate_trace: 409,
  stale_amendment: 409,
  secret_detected: 422,
  content_too_complex: 422,
  rate_limited: 429,
  service_unavailable: 503,
  upstream_timeout: 504,
  reply_too_large: 502,
  internal_error: 500,
};

export interface FieldError {
  field: string;
  message: string;
}

/** The error body that crosses the bus and becomes the gateway's problem+json. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
}

/** The one error type use cases throw for an expected failure; it keeps its code across the bus. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<ErrorBody, 'errors' | 'details'> = {},
  ) {
    super(message);
  }

  get status(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }

  static fromBody(body: ErrorBody): DomainError {
    return new DomainError(body.code, body.message, { errors: body.errors, details: body.details });
  }

  static isBody(value: unknown): value is ErrorBody {
    return (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as ErrorBody).code === 'string' &&
      (value as ErrorBody).code in HTTP_STATUS_BY_CODE &&
      typeof (value as ErrorBody).message === 'string'
    );
  }
}

/**
 * The default reputation points that unlock each privilege (DESIGN.md §8). The reputation service
 * reads the thresholds in force from its settings (PRIVILEGE_<NAME>_POINTS); use these defaults
 * only where no setting applies.
 */
export const PRIVILEGE_THRESHOLDS = {
  flag: 15,
  link: 100,
  review: 250,
  edit: 1000,
  moderate: 2500,
} as const;
export type Privilege = keyof typeof PRIVILEGE_THRESHOLDS;
export const PRIVILEGES = Object.keys(PRIVILEGE_THRESHOLDS) as Privilege[];
