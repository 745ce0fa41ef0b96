import { ErrorCode } from '@commontrace/contracts';
import { problemResponses } from './api-docs';

describe('problemResponses', () => {
  it('documents each status once, with the codes it carries, an example per code, in status order', () => {
    const responses = problemResponses([ErrorCode.NotFound, ErrorCode.ValidationFailed, ErrorCode.MalformedBody, ErrorCode.NotFound]);
    expect(responses.map((r) => r.status)).toEqual([400, 404]);
    const [badRequest] = responses;
    const media = badRequest.content['application/problem+json'];
    expect(media.schema.allOf[1]).toEqual({ properties: { code: { type: 'string', enum: ['validation_failed', 'malformed_body'] } } });
    expect(Object.keys(media.examples)).toEqual(['validation_failed', 'malformed_body']);
    expect(media.examples['validation_failed'].value).toMatchObject({ status: 400, code: 'validation_failed', errors: [expect.any(Object)] });
    expect(badRequest.description).toContain('`malformed_body`');
  });

  it('documents Retry-After and the RateLimit-* headers on 429, Retry-After on 503 and 504, no headers otherwise', () => {
    const headers = Object.fromEntries(
      problemResponses([ErrorCode.RateLimited, ErrorCode.ServiceUnavailable, ErrorCode.UpstreamTimeout, ErrorCode.Unauthorized]).map((r) => [r.status, Object.keys(r.headers ?? {})]),
    );
    expect(headers).toEqual({
      401: [],
      429: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
      503: ['Retry-After'],
      504: ['Retry-After'],
    });
  });
});
