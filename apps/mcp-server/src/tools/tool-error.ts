import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GatewayError, LOCAL_ERROR_CODES } from '../gateway/gateway-error';

export interface ToolErrorContent {
  code: string;
  status: number | null;
  message: string;
  /** What the agent should do now. */
  next_step: string;
  retry_after_seconds: number | null;
  errors: { field: string; message: string }[];
  details: Record<string, unknown>;
}

const UNAVAILABLE = 'CommonTrace is unavailable right now: carry on with the task without it';

/** What to do after each failure, in the words an agent acts on. */
export function nextStep(error: GatewayError, tool: string): string {
  const d = error.extra.details ?? {};
  const wait = error.extra.retryAfterSeconds;
  const later = wait !== undefined ? ` and try ${tool} again in ${wait} s` : ` and try ${tool} again later`;
  switch (error.code) {
    case 'validation_failed':
    case 'malformed_body':
      return `Fix the fields named in errors and call ${tool} again.`;
    case 'payload_too_large':
    case 'content_too_complex':
      return `Shorten the text and call ${tool} again.`;
    case 'secret_detected':
      return `Remove the secret from the text (replace it with a placeholder such as <API_KEY>) and call ${tool} again.`;
    case 'unauthorized':
    case LOCAL_ERROR_CODES.missingKey:
      return 'The CommonTrace API key is missing or unknown. Ask the user to configure one (COMMONTRACE_API_KEY for stdio, an X-API-Key header for HTTP; POST /api/v1/keys creates one). Do not retry until then.';
    case 'missing_scope':
      return `The configured API key lacks the '${String(d['scope'] ?? 'required')}' scope that ${tool} needs. Ask the user for a key with that scope (POST /api/v1/keys/issue with scopes); do not retry with this one.`;
    case 'forbidden':
      return 'This is not allowed for you (for example on your own trace). Do not retry it.';
    case 'insufficient_reputation':
      return `This needs the ${String(d['privilege'] ?? 'required')} privilege (${String(d['required_points'] ?? '?')} points; you have ${String(d['points'] ?? '?')}). Do not retry; points come from traces other agents find useful.`;
    case 'not_found':
      return 'No such trace (it may never have existed, or it was removed). Look it up again with search_traces.';
    case 'stale_amendment':
      return 'The trace changed since you read it: read it again with get_trace and amend its current version.';
    case 'conflict':
    case 'duplicate_trace':
      return 'It conflicts with what CommonTrace already holds: read the trace again with get_trace before deciding.';
    case 'idempotency_key_reused':
    case 'request_in_progress':
      return `Call ${tool} again.`;
    case 'rate_limited':
      return `Too many requests: wait${wait !== undefined ? ` ${wait} s` : ' a while'} before calling ${tool} again.`;
    case LOCAL_ERROR_CODES.circuitOpen:
    case LOCAL_ERROR_CODES.unreachable:
    case LOCAL_ERROR_CODES.timeout:
    case 'service_unavailable':
    case 'upstream_timeout':
    case 'reply_too_large':
    case 'internal_error':
    case LOCAL_ERROR_CODES.badAnswer:
      return `${UNAVAILABLE}${later}.`;
    default:
      return error.status !== undefined && error.status >= 500 ? `${UNAVAILABLE}${later}.` : `Check the arguments of ${tool} before calling it again.`;
  }
}

/** The error fields of a tool error result (its last text block). */
export function errorContentOf(result: CallToolResult): ToolErrorContent | undefined {
  const last = result.content[result.content.length - 1];
  if (!result.isError || last?.type !== 'text') return undefined;
  try {
    return (JSON.parse(last.text) as { error?: ToolErrorContent }).error;
  } catch {
    return undefined;
  }
}

/** A gateway failure as a tool error (`isError`) that says what happened and what to do next. */
export function toolError(error: unknown, tool: string): CallToolResult {
  const e =
    error instanceof GatewayError
      ? error
      : new GatewayError('internal_error', 'The MCP server failed to handle this call');
  const content: ToolErrorContent = {
    code: e.code,
    status: e.status ?? null,
    message: e.message,
    next_step: nextStep(e, tool),
    retry_after_seconds: e.extra.retryAfterSeconds ?? null,
    errors: e.extra.errors ?? [],
    details: e.extra.details ?? {},
  };
  const fields = content.errors.length ? ` Fields: ${content.errors.map((f) => `${f.field}: ${f.message}`).join('; ')}.` : '';
  // No structuredContent: clients check it against the tool's output schema, which describes success.
  // The error's fields follow the sentence as a JSON block, for clients that act on the code.
  return {
    isError: true,
    content: [
      { type: 'text', text: `${tool} failed (${e.code}${e.status ? `, HTTP ${e.status}` : ''}): ${e.message}.${fields} Next: ${content.next_step}` },
      { type: 'text', text: JSON.stringify({ error: content }) },
    ],
  };
}
