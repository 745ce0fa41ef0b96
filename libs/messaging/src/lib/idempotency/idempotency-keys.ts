import { DomainError, ErrorCode } from '@commontrace/contracts';
import { IdempotencyScope } from '@commontrace/util-observability';
import { DataSource, EntityManager } from 'typeorm';

/** A key answers retries for this long; the relay's prune then deletes it. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray((result as unknown[])[0]) ? (result as unknown[][])[0] : result) as T[];
}

/**
 * Inside the write's transaction: takes a transaction-scoped advisory lock on (account, key) and
 * returns the answer stored by an earlier attempt, if one committed. A lock held by another
 * transaction means that attempt's outcome is not known yet: `request_in_progress`. The same key
 * with another request is `idempotency_key_reused`. Returns undefined when the write must run.
 */
export async function claimIdempotencyKey(manager: EntityManager, scope: IdempotencyScope): Promise<{ response: unknown } | undefined> {
  const [lock] = rowsOf<{ acquired: boolean }>(
    await manager.query(`SELECT pg_try_advisory_xact_lock(hashtextextended('idempotency:' || $1 || ':' || $2, 0)) AS acquired`, [
      scope.account,
      scope.key,
    ]),
  );
  if (!lock.acquired) throw inProgress();
  // An expired answer no longer binds the key.
  await manager.query(
    `DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND created_at < now() - make_interval(hours => $3)`,
    [scope.account, scope.key, IDEMPOTENCY_RETENTION_HOURS],
  );
  const [row] = rowsOf<{ request_hash: string; response: unknown }>(
    await manager.query(`SELECT request_hash, response FROM idempotency_keys WHERE account_id = $1 AND key = $2`, [scope.account, scope.key]),
  );
  if (!row) return undefined;
  if (row.request_hash !== scope.requestHash) {
    throw new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used for a different request');
  }
  return { response: row.response };
}

/** Stores the write's answer under its key, in the write's transaction. The primary key makes a second write impossible. */
export async function recordIdempotentAnswer(manager: EntityManager, scope: IdempotencyScope, response: unknown): Promise<void> {
  const inserted = rowsOf(
    await manager.query(
      `INSERT INTO idempotency_keys (account_id, key, request_hash, response) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope.account, scope.key, scope.requestHash, JSON.stringify(response ?? null)],
    ),
  );
  // Only possible when another attempt committed without the lock: roll this one back.
  if (!inserted.length) throw inProgress();
}

/** Deletes keys past their retention (called by the relay's periodic prune). */
export async function pruneIdempotencyKeys(dataSource: DataSource): Promise<void> {
  await dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [IDEMPOTENCY_RETENTION_HOURS]);
}

function inProgress(): DomainError {
  return new DomainError(
    ErrorCode.RequestInProgress,
    'A request with this Idempotency-Key is still in progress; retry shortly to get its answer',
  );
}
