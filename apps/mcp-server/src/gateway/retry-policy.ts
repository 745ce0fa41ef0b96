import { GatewayError, LOCAL_ERROR_CODES } from './gateway-error';

/** The longest Retry-After this client waits itself; a longer one goes back to the agent. */
export const MAX_RETRY_WAIT_MS = 2000;
const BASE_MS = 200;

/** Worth trying again within the same tool call: the gateway was away or busy, never a refusal. */
export function isRetryable(error: GatewayError): boolean {
  if (error.code === LOCAL_ERROR_CODES.circuitOpen || error.code === LOCAL_ERROR_CODES.missingKey) return false;
  if (error.code === LOCAL_ERROR_CODES.unreachable || error.code === LOCAL_ERROR_CODES.timeout) return true;
  const status = error.status;
  return status === 429 || status === 502 || status === 503 || status === 504 || error.code === 'request_in_progress';
}

/**
 * How long to wait before retry number `attempt` (0-based): the server's Retry-After when it gave
 * one (undefined when that is longer than MAX_RETRY_WAIT_MS: the agent is told instead), else
 * exponential back-off with full jitter.
 */
export function retryDelayMs(error: GatewayError, attempt: number, random: () => number = Math.random): number | undefined {
  const asked = error.extra.retryAfterSeconds;
  if (asked !== undefined) return asked * 1000 <= MAX_RETRY_WAIT_MS ? asked * 1000 : undefined;
  return Math.floor(random() * Math.min(MAX_RETRY_WAIT_MS, BASE_MS * 2 ** attempt));
}
