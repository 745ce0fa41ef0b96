import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { histogram, REQUEST_ID_HEADER, RequestContext } from '@commontrace/util-observability';
import { Observable } from 'rxjs';

const handled = histogram('commontrace_bus_request_seconds', 'Bus requests handled, by subject and outcome', [
  'subject',
  'outcome',
]);

interface HeaderCarrier {
  getHeaders?(): unknown;
  getSubject?(): string;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(n: string): string }).get(name) || undefined;
  }
  return (headers as Record<string, string>)[name];
}

/** Runs a bus handler inside the caller's request context (request id from the headers) and times it. */
@Injectable()
export class BusContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = context.switchToRpc().getContext<HeaderCarrier>();
    const requestId = RequestContext.sanitize(headerValue(rpc?.getHeaders?.(), REQUEST_ID_HEADER));
    const subject = rpc?.getSubject?.() ?? 'unknown';
    const stop = handled.startTimer({ subject });
    return new Observable((subscriber) =>
      RequestContext.run({ requestId }, () =>
        next.handle().subscribe({
          next: (v) => subscriber.next(v),
          error: (e) => {
            stop({ outcome: 'error' });
            subscriber.error(e);
          },
          complete: () => {
            stop({ outcome: 'ok' });
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
