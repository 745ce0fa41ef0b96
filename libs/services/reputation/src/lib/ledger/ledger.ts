import { Injectable } from '@nestjs/common';
import { ReputationChanged } from '@commontrace/contracts';
import { Transaction } from '@commontrace/messaging';
import { ReputationEntity } from '@commontrace/persistence';

/** Every account starts with one point, and never falls below it (the Stack Overflow floor). */
export const STARTING_POINTS = 1;

/** The points of one source in the ledger (Stack Overflow's values, DESIGN §8). */
export const POINTS = {
  upvote_received: 10,
  downvote_received: -2,
  verification_received: 5,
  amendment_accepted: 5,
  removed_as_spam: -50,
} as const;
export type LedgerReason = keyof typeof POINTS;

export interface LedgerEntry {
  accountId: string;
  /** What the points are for, unique per account: `vote:<vote id>`, `amendment:<amendment id>`, … */
  sourceKey: string;
  reason: LedgerReason;
  /** The points of this entry now; 0 removes it (a withdrawn vote, a restored trace). */
  delta: number;
  traceId?: string;
  sourceEventId?: string;
}

/** Points from the sum of an account's ledger: one plus the deltas, never below one. */
export function pointsOf(deltaSum: number): number {
  return Math.max(STARTING_POINTS, STARTING_POINTS + deltaSum);
}

/**
 * The one writer of `reputation_events` and `reputation.points`. An entry is keyed by its source,
 * so setting it again replaces its delta: a vote changed a hundred times leaves exactly the points
 * of its last direction. Points are recomputed from the ledger under the account's row lock, in
 * the caller's transaction, and a change emits `reputation.changed`. Callers that touch several
 * accounts in one transaction pass them in one `set` call, which locks them in id order (no
 * deadlock between two such transactions).
 */
@Injectable()
export class Ledger {
  async set(tx: Transaction, entries: LedgerEntry[]): Promise<void> {
    const byAccount = new Map<string, LedgerEntry[]>();
    for (const e of entries) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e]);
    for (const accountId of [...byAccount.keys()].sort()) {
      await this.apply(tx, accountId, byAccount.get(accountId) ?? []);
    }
  }

  /** Recomputes the points of these accounts from their entries (a rebuild's last step), in id order. */
  async recount(tx: Transaction, accountIds: string[]): Promise<void> {
    for (const accountId of [...new Set(accountIds)].sort()) await this.apply(tx, accountId, []);
  }

  private async apply(tx: Transaction, accountId: string, entries: LedgerEntry[]): Promise<void> {
    const m = tx.manager;
    await m.query(`INSERT INTO reputation (account_id, points) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING`, [accountId, STARTING_POINTS]);
    const [{ points: before }] = await m.query(`SELECT points FROM reputation WHERE account_id = $1 FOR UPDATE`, [accountId]);
    for (const e of entries) {
      if (e.delta === 0) {
        await m.query(`DELETE FROM reputation_events WHERE account_id = $1 AND source_key = $2`, [accountId, e.sourceKey]);
        continue;
      }
      await m.query(
        `INSERT INTO reputation_events (account_id, source_key, reason, delta, trace_id, source_event_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_id, source_key)
         DO UPDATE SET delta = EXCLUDED.delta, reason = EXCLUDED.reason, updated_at = now()
         WHERE reputation_events.delta IS DISTINCT FROM EXCLUDED.delta OR reputation_events.reason IS DISTINCT FROM EXCLUDED.reason`,
        [accountId, e.sourceKey, e.reason, e.delta, e.traceId ?? null, e.sourceEventId ?? null],
      );
    }
    const [{ sum }] = await m.query(`SELECT COALESCE(sum(delta), 0)::int AS sum FROM reputation_events WHERE account_id = $1`, [accountId]);
    const points = pointsOf(Number(sum));
    if (points === before) return;
    await m.update(ReputationEntity, { account_id: accountId }, { points });
    const last = entries[entries.length - 1] as LedgerEntry | undefined;
    await tx.emit(ReputationChanged.contract, {
      account_id: accountId,
      points,
      previous_points: before,
      reason: last?.reason ?? 'recount',
      ...(last?.traceId ? { trace_id: last.traceId } : {}),
    });
  }
}
