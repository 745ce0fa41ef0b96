import { Injectable, NestMiddleware } from '@nestjs/common';
import { histogram, REQUEST_ID_HEADER, RequestContext } from '@commontrace/util-observability';
import type { NextFunction, Request, Response } from 'express';

const httpDuration = histogram('commontrace_http_request_seconds', 'HTTP requests by method, route and status', [
  'method',
  'route',
  'status',
]);

/** Gives every request an id (the caller's X-Request-Id when sane), echoes it, and times the request. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const requestId = RequestContext.sanitize(req.headers[REQUEST_ID_HEADER]);
    res.setHeader('X-Request-Id', requestId);
    const stop = httpDuration.startTimer({ method: req.method });
    res.on('finish', () => stop({ route: (req.route?.path as string) ?? 'unmatched', status: String(res.statusCode) }));
    RequestContext.run({ requestId }, () => next());
  }
}
