import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, ErrorBody, ErrorCode, HTTP_STATUS_BY_CODE } from '@commontrace/contracts';
import { RequestContext } from '@commontrace/util-observability';
import type { Request, Response } from 'express';

const CODE_BY_HTTP_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.MalformedBody,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
};

/** Body-parser and similar errors carry a status and a type instead of being HttpExceptions. */
interface StatusError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
}

/** Maps any failure to an error body with a stable code; unexpected ones are logged, never leaked. */
export function toErrorBody(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof DomainError) return { status: exception.status, body: exception.toBody() };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = CODE_BY_HTTP_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed);
    return { status, body: { code, message: exception.message } };
  }
  const e = exception as StatusError;
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.too.large' || status === 413) {
    return { status: 413, body: { code: ErrorCode.PayloadTooLarge, message: 'The request body is larger than 1 MB' } };
  }
  if (status === 415) {
    // An unsupported charset or Content-Encoding, refused by the body parser.
    return { status: 415, body: { code: ErrorCode.UnsupportedMediaType, message: e.message ?? 'Unsupported request body encoding' } };
  }
  if (e?.type === 'entity.parse.failed' || (status && status >= 400 && status < 500)) {
    return { status: 400, body: { code: ErrorCode.MalformedBody, message: 'The request body is not valid JSON' } };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { code: ErrorCode.Internal, message: 'Internal error' } };
}

/** Every error of the REST API as application/problem+json (RFC 9457) with a stable `code`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const { status, body } = toErrorBody(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (body.code === ErrorCode.ServiceUnavailable || body.code === ErrorCode.UpstreamTimeout) response.setHeader('Retry-After', '5');
    response
      .status(status)
      .type('application/problem+json')
      .json({
        type: `https://commontrace.dev/problems/${body.code}`,
        title: body.code.replace(/_/g, ' '),
        status,
        detail: body.message,
        instance: request.originalUrl,
        code: body.code,
        request_id: RequestContext.requestId(),
        ...(body.errors ? { errors: body.errors } : {}),
        ...(body.details ? body.details : {}),
      });
  }
}

export { HTTP_STATUS_BY_CODE };
