import { DomainError, ErrorCode, ReplyOf, RequestContract, RequestOf } from '@commontrace/contracts';
import { RequestContext } from '@commontrace/util-observability';
import { firstValueFrom, Observable, timeout, TimeoutError } from 'rxjs';
import { unwrapReplayed } from '../idempotency/replayed-reply';

export interface RequestOptions {
  timeoutMs?: number;
}

/**
 * Request/reply to another service. The same interface over NATS (microservices) and in
 * process (all-in-one). Failures arrive as DomainError with their stable code.
 */
export abstract class BusClient {
  constructor(protected readonly defaultTimeoutMs: number) {}

  async request<C extends RequestContract<object, unknown>>(
    contract: C,
    payload: RequestOf<C>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<C>> {
    const headers = RequestContext.toHeaders();
    const idempotency = RequestContext.current()?.outgoingIdempotency;
    const ms = options.timeoutMs ?? this.defaultTimeoutMs;
    try {
      const reply = await firstValueFrom(this.send<ReplyOf<C>>(contract.subject, payload, headers).pipe(timeout({ first: ms })));
      if (!idempotency) return reply;
      // A stored answer comes back wrapped; the gateway reads the flag to say so.
      const { value, replayed } = unwrapReplayed(reply);
      if (replayed) idempotency.replayed = true;
      return value as ReplyOf<C>;
    } catch (error) {
      throw toDomainError(error, contract.subject, ms);
    }
  }

  protected abstract send<R>(subject: string, payload: object, headers: Record<string, string>): Observable<R>;
}

export function toDomainError(error: unknown, subject: string, timeoutMs: number): DomainError {
  if (error instanceof DomainError) return error;
  if (DomainError.isBody(error)) return DomainError.fromBody(error);
  if (error instanceof TimeoutError) {
    return new DomainError(ErrorCode.UpstreamTimeout, `No answer to ${subject} within ${timeoutMs} ms`);
  }
  return new DomainError(ErrorCode.ServiceUnavailable, `Request ${subject} failed: ${(error as Error)?.message ?? error}`);
}
