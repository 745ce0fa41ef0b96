import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { histogram, RequestContext } from '@commontrace/util-observability';
import { Observable } from 'rxjs';
import { wrapReplayed } from '../idempotency/replayed-reply';

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

/**
 * Runs a bus handler inside the caller's request context (request id and idempotency key from the
 * headers) and times it. A reply that is an earlier attempt's stored answer goes back wrapped.
 */
@Injectable()
export class BusContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = context.switchToRpc().getContext<HeaderCarrier>();
    const headers = rpc?.getHeaders?.();
    const data = RequestContext.fromHeaders((name) => headerValue(headers, name));
    const subject = rpc?.getSubject?.() ?? 'unknown';
    const stop = handled.startTimer({ subject });
    return new Observable((subscriber) =>
      RequestContext.run(data, () =>
        next.handle().subscribe({
          next: (v) => subscriber.next(data.idempotency?.replayed ? wrapReplayed(v) : v),
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
