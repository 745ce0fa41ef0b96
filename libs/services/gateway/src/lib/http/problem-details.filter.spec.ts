import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { toErrorBody } from './problem-details.filter';

/** Errors as the JSON body parser raises them: a status and a type, not an HttpException. */
function parserError(status: number, type: string, message: string) {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

describe('toErrorBody', () => {
  it('keeps the code of a DomainError, the new 415 included', () => {
    expect(toErrorBody(new DomainError(ErrorCode.UnsupportedMediaType, 'The request body must be application/json'))).toEqual({
      status: 415,
      body: { code: 'unsupported_media_type', message: 'The request body must be application/json' },
    });
  });

  it("maps the body parser's refusals to 4xx codes", () => {
    expect(toErrorBody(parserError(415, 'charset.unsupported', 'unsupported charset "LATIN1"'))).toMatchObject({
      status: 415,
      body: { code: 'unsupported_media_type' },
    });
    expect(toErrorBody(parserError(415, 'encoding.unsupported', 'unsupported content encoding "x"'))).toMatchObject({
      status: 415,
      body: { code: 'unsupported_media_type' },
    });
    expect(toErrorBody(parserError(400, 'entity.parse.failed', 'Unexpected token'))).toMatchObject({ status: 400, body: { code: 'malformed_body' } });
    expect(toErrorBody(parserError(413, 'entity.too.large', 'too large'))).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    expect(toErrorBody(new UnsupportedMediaTypeException())).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    expect(toErrorBody(new BadRequestException())).toMatchObject({ status: 400, body: { code: 'malformed_body' } });
  });

  it('hides anything else behind internal_error', () => {
    expect(toErrorBody(new RangeError('Maximum call stack size exceeded'))).toEqual({
      status: 500,
      body: { code: 'internal_error', message: 'Internal error' },
    });
  });
});
