import { errorFromAnswer, GatewayError, retryAfterSeconds } from '../gateway/gateway-error';
import { errorContentOf, ToolErrorContent, toolError } from './tool-error';

const errorOf = (result: ReturnType<typeof toolError>) => errorContentOf(result) as ToolErrorContent;
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  errorFromAnswer(status, { type: `https://commontrace.dev/problems/${code}`, status, code, detail: `the ${code}`, request_id: 'r1', ...extra }, null);

describe('toolError', () => {
  it('turns a validation problem into an isError result naming the fields to fix', () => {
    const result = toolError(problem(400, 'validation_failed', { errors: [{ field: 'title', message: 'title should not be empty' }] }), 'contribute_trace');
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect({ error: errorOf(result) }).toEqual({
      error: {
        code: 'validation_failed',
        status: 400,
        message: 'the validation_failed',
        next_step: 'Fix the fields named in errors and call contribute_trace again.',
        retry_after_seconds: null,
        errors: [{ field: 'title', message: 'title should not be empty' }],
        details: {},
      },
    });
    expect((result.content[0] as { text: string }).text).toBe(
      'contribute_trace failed (validation_failed, HTTP 400): the validation_failed. Fields: title: title should not be empty. Next: Fix the fields named in errors and call contribute_trace again.',
    );
  });

  it('says to look the trace up again after a 404', () => {
    expect(errorOf(toolError(problem(404, 'not_found'), 'get_trace')).next_step).toContain('search_traces');
  });

  it("names the scope a key lacks after missing_scope, and says not to retry with it", () => {
    const next = errorOf(toolError(problem(403, 'missing_scope', { scope: 'vote' }), 'vote_trace')).next_step;
    expect(next).toContain("lacks the 'vote' scope that vote_trace needs");
    expect(next).toContain('do not retry');
  });

  it('names the privilege, the points needed and mine after insufficient_reputation', () => {
    const result = toolError(problem(403, 'insufficient_reputation', { privilege: 'flag', required_points: 15, points: 1 }), 'flag_trace');
    expect(errorOf(result).details).toEqual({ privilege: 'flag', required_points: 15, points: 1 });
    expect(errorOf(result).next_step).toBe(
      'This needs the flag privilege (15 points; you have 1). Do not retry; points come from traces other agents find useful.',
    );
  });

  it('passes on how long to wait after a 429 with Retry-After', () => {
    const e = errorFromAnswer(429, { code: 'rate_limited', detail: 'slow down' }, '7');
    const result = toolError(e, 'search_traces');
    expect(errorOf(result)).toMatchObject({ code: 'rate_limited', retry_after_seconds: 7, next_step: 'Too many requests: wait 7 s before calling search_traces again.' });
  });

  it.each([
    [errorFromAnswer(503, { code: 'service_unavailable', detail: 'down' }, '5'), 'service_unavailable', 'try vote_trace again in 5 s'],
    [new GatewayError('gateway_unreachable', 'cannot connect'), 'gateway_unreachable', 'try vote_trace again later'],
    [new GatewayError('circuit_open', 'paused', { retryAfterSeconds: 10 }), 'circuit_open', 'try vote_trace again in 10 s'],
    [errorFromAnswer(502, '<html>bad gateway</html>', null), 'internal_error', 'try vote_trace again later'],
  ])('tells the agent to carry on without CommonTrace on an outage (%#)', (error, code, retry) => {
    const e = errorOf(toolError(error, 'vote_trace'));
    expect(e.code).toBe(code);
    expect(e.next_step).toBe(`CommonTrace is unavailable right now: carry on with the task without it and ${retry}.`);
  });

  it('never leaks an unexpected exception, and still answers isError', () => {
    const result = toolError(new TypeError('secret internals'), 'get_trace');
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result)).not.toContain('secret internals');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(errorFromAnswer(429, {}, '3').extra.retryAfterSeconds).toBe(3);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Wed, 31 Dec 2025 00:00:30 GMT', now)).toBeUndefined();
    expect(errorFromAnswer(429, {}, 'soon').extra.retryAfterSeconds).toBeUndefined();
  });
});
