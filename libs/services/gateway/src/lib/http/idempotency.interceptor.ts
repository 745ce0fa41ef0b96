import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { canonicalJson, DomainError, ErrorCode } from '@commontrace/contracts';
import { IDEMPOTENCY_KEY_PATTERN, IdempotencyScope, RequestContext } from '@commontrace/util-observability';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { AuthenticatedAccount } from '../auth/current-account';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What a key binds to: the same key with another method, path or body is refused; field order does not matter. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/**
 * Writes sent with an Idempotency-Key are done once per account and key. The gateway only
 * checks the header and sends the key, the account and the request's hash with the bus request;
 * the service that writes stores the key in the write's own transaction (UnitOfWork, `idempotent`)
 * and answers a retry with the committed answer, which the gateway marks `Idempotent-Replayed: true`.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { account?: AuthenticatedAccount }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (key === undefined || !WRITES.has(req.method) || !req.account) return next.handle();
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Idempotency-Key must be 1-255 printable ASCII characters', {
        errors: [{ field: 'Idempotency-Key', message: 'invalid' }],
      });
    }
    const scope: IdempotencyScope = { account: req.account.id, key, requestHash: requestHash(req.method, req.path, req.body) };
    const current = RequestContext.current();
    const data = { ...current, requestId: current?.requestId ?? RequestContext.sanitize(undefined), outgoingIdempotency: scope };
    return new Observable((subscriber) =>
      RequestContext.run(data, () =>
        next
          .handle()
          .pipe(tap(() => scope.replayed && res.setHeader('Idempotent-Replayed', 'true')))
          .subscribe(subscriber),
      ),
    );
  }
}
