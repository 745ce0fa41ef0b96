import { ErrorCode, HTTP_STATUS_BY_CODE } from '@commontrace/contracts';
import { problemExamples, problemResponses } from './api-docs';

describe('problemExamples', () => {
  it('holds an example of every code, with the status the code answers', () => {
    const examples = problemExamples();
    expect(Object.keys(examples)).toHaveLength(Object.values(ErrorCode).length);
    for (const code of Object.values(ErrorCode)) expect(examples[`problem.${code}`].value).toMatchObject({ code, status: HTTP_STATUS_BY_CODE[code] });
  });
});

describe('problemResponses', () => {
  it('documents each status once, with the codes it carries, an example per code, in status order', () => {
    const responses = problemResponses([ErrorCode.NotFound, ErrorCode.ValidationFailed, ErrorCode.MalformedBody, ErrorCode.NotFound]);
    expect(responses.map((r) => r.status)).toEqual([400, 404]);
    const [badRequest] = responses;
    const media = badRequest.content['application/problem+json'];
    expect(media.schema.allOf[1]).toEqual({ properties: { code: { type: 'string', enum: ['validation_failed', 'malformed_body'] } } });
    expect(media.examples).toEqual({
      validation_failed: { $ref: '#/components/examples/problem.validation_failed' },
      malformed_body: { $ref: '#/components/examples/problem.malformed_body' },
    });
    expect(problemExamples()['problem.validation_failed'].value).toMatchObject({ status: 400, code: 'validation_failed', errors: [expect.any(Object)] });
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
