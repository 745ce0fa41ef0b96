import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { lastValueFrom, Observable } from 'rxjs';
import { checkReplySize } from '../bus/reply-size';
import { InProcessContext } from './in-process-context';

/**
 * The all-in-one mode's transport: Nest registers the same `@MessagePattern` handlers here
 * that it registers with NATS in microservices mode, and InProcessBusClient calls them.
 */
export class InProcessServer extends Server implements CustomTransportStrategy {
  listen(callback: () => void): void {
    callback();
  }

  close(): void {
    this.messageHandlers.clear();
  }

  on(): void {
    // No transport-level events in process.
  }

  unwrap<T>(): T {
    return this as unknown as T;
  }

  /**
   * Calls the handler with a JSON copy of the payload, as if it had crossed the wire, and refuses a
   * reply over MAX_REPLY_BYTES with `reply_too_large`, as the NATS transport does.
   */
  dispatch<R>(subject: string, payload: object, headers: Record<string, string>): Observable<R> {
    const handler = this.getHandlerByPattern(subject);
    if (!handler) {
      throw new DomainError(ErrorCode.ServiceUnavailable, `No handler for ${subject}`);
    }
    const wire = JSON.parse(JSON.stringify(payload));
    return new Observable<R>((subscriber) => {
      (async () => {
        const result$ = this.transformToObservable(await handler(wire, new InProcessContext([subject, headers])));
        const json = JSON.stringify((await lastValueFrom(result$ as Observable<R>)) ?? null);
        const tooLarge = checkReplySize(subject, json);
        if (tooLarge) throw DomainError.fromBody(tooLarge);
        subscriber.next(JSON.parse(json));
        subscriber.complete();
      })().catch((error) => subscriber.error(error));
    });
  }
}
