import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, Observable, of, switchMap, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { AuthenticatedAccount } from '../auth/current-account';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

function requestHash(req: Request): string {
  return createHash('sha256').update(`${req.method} ${req.path}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
}

/**
 * Writes sent with an Idempotency-Key are done once per account and key: a retry within 24 hours
 * gets the first answer again (with `Idempotent-Replayed: true`) and stores nothing twice. A
 * failed first attempt stores nothing, so it may be retried with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { account?: AuthenticatedAccount }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (key === undefined || !WRITES.has(req.method) || !req.account) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Idempotency-Key must be 1-255 printable ASCII characters', {
        errors: [{ field: 'Idempotency-Key', message: 'invalid' }],
      });
    }
    const account = req.account.id;
    const hash = requestHash(req);
    return from(this.claim(account, key, hash)).pipe(
      switchMap((stored) => {
        if (stored) {
          res.status(stored.status_code).setHeader('Idempotent-Replayed', 'true');
          return of(stored.response);
        }
        return next.handle().pipe(
          // The answer is stored before it is sent, so a retry that follows at once replays it.
          concatMap(async (body) => {
            await this.complete(account, key, res.statusCode, body);
            return body;
          }),
          catchError((error) => from(this.release(account, key)).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
    );
  }

  /** Claims the key for this request, or returns the stored answer to replay. */
  private async claim(account: string, key: string, hash: string): Promise<{ status_code: number; response: unknown } | undefined> {
    await this.dataSource.query(
      // Expired answers, and claims whose request died without an answer (a crashed gateway).
      `DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2
         AND (created_at < now() - interval '24 hours' OR (status_code IS NULL AND created_at < now() - interval '2 minutes'))`,
      [account, key],
    );
    const inserted = await this.dataSource.query(
      `INSERT INTO idempotency_keys (account_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [account, key, hash],
    );
    if ((Array.isArray(inserted[0]) ? inserted[0] : inserted).length) return undefined;
    const [row] = await this.dataSource.query(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE account_id = $1 AND key = $2`,
      [account, key],
    );
    if (!row) return this.claim(account, key, hash);
    if (row.request_hash !== hash) {
      throw new DomainError(ErrorCode.Conflict, 'This Idempotency-Key was used for a different request');
    }
    if (row.status_code === null) {
      throw new DomainError(ErrorCode.Conflict, 'A request with this Idempotency-Key is still in progress; retry shortly');
    }
    return row;
  }

  private async complete(account: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE account_id = $1 AND key = $2`, [
      account,
      key,
      status,
      JSON.stringify(body ?? null),
    ]);
  }

  private async release(account: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND status_code IS NULL`, [account, key]);
  }
}
