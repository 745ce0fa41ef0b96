/** Codes this client adds to the gateway's own (libs/contracts ErrorCode) for failures before any answer. */
export const LOCAL_ERROR_CODES = {
  /** No connection to the gateway (refused, reset, DNS). */
  unreachable: 'gateway_unreachable',
  /** No answer within the per-call timeout. */
  timeout: 'gateway_timeout',
  /** The circuit to the gateway is open for this key after repeated failures: not even tried. */
  circuitOpen: 'circuit_open',
  /** No API key configured (stdio) or sent (HTTP). */
  missingKey: 'missing_api_key',
  /** An answer that is not the JSON the gateway sends. */
  badAnswer: 'bad_gateway_answer',
} as const;

export interface FieldProblem {
  field: string;
  message: string;
}

/** A failed gateway call: the problem+json it answered with, or what went wrong on the way. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly code: string,
    message: string,
    readonly extra: {
      status?: number;
      errors?: FieldProblem[];
      details?: Record<string, unknown>;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.extra.status;
  }

  /** The gateway or the way to it failed (network, timeout, 5xx): counts toward opening the circuit. */
  get isOutage(): boolean {
    const { status } = this.extra;
    if (status === undefined) return this.code === LOCAL_ERROR_CODES.unreachable || this.code === LOCAL_ERROR_CODES.timeout;
    return status >= 500;
  }
}

const PROBLEM_FIELDS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'request_id', 'errors']);

/** Seconds from a Retry-After header (seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) : (Date.parse(header) - now) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

/** The GatewayError of a non-2xx answer: its problem+json code, message, field errors and extra fields. */
export function errorFromAnswer(status: number, body: unknown, retryAfter: string | null): GatewayError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const code = typeof problem['code'] === 'string' ? problem['code'] : status >= 500 ? 'internal_error' : `http_${status}`;
  const message = typeof problem['detail'] === 'string' ? problem['detail'] : `The gateway answered HTTP ${status}`;
  const errors = Array.isArray(problem['errors'])
    ? (problem['errors'] as unknown[]).filter(
        (e): e is FieldProblem => typeof e === 'object' && e !== null && typeof (e as FieldProblem).field === 'string' && typeof (e as FieldProblem).message === 'string',
      )
    : undefined;
  const details = Object.fromEntries(Object.entries(problem).filter(([k]) => !PROBLEM_FIELDS.has(k)));
  return new GatewayError(code, message, {
    status,
    ...(errors?.length ? { errors } : {}),
    ...(Object.keys(details).length ? { details } : {}),
    ...(retryAfterSeconds(retryAfter) !== undefined ? { retryAfterSeconds: retryAfterSeconds(retryAfter) } : {}),
  });
}
