import { Injectable } from '@nestjs/common';
import { FlagStatus, ModerationAction, ReputationModerateTrace, TraceStanding, TraceStandingChanged } from '@commontrace/contracts';
import { Transaction } from '@commontrace/messaging';
import { POINTS, Ledger } from '../ledger/ledger';
import { ModeratedTrace, ModerationQueries } from './moderation-queries';

type ActionView = ReputationModerateTrace.ModerationActionView;

interface Actor {
  /** Null when the system acts (weighted flags, duplicate-close votes). */
  moderatorId: string | null;
  reason: string;
}

export interface StandingOutcome {
  action: ActionView;
  standing?: TraceStanding;
  flags_closed: number;
  spam_removal?: { contributor_id: string; delta: number };
}

/** The ledger key of a trace removed as spam: one per trace, set to -50 on removal and to 0 on restore. */
export const removedKey = (traceId: string) => `removed:${traceId}`;

/**
 * What a moderation decision does inside its transaction (the caller holds the trace's lock):
 * the audit row, the flags it closes, the standing it decides (`trace.standing-changed`, source
 * `moderation`, which ingest applies) and the spam entry of the ledger.
 */
@Injectable()
export class TraceModeration {
  constructor(private readonly ledger: Ledger) {}

  /**
   * Hides the trace. It is removed as spam (the contributor's `removed:<trace>` entry, -50) when
   * the moderator says so or spam is the category with the most open flag weight. A moderator's
   * hide resolves the open flags; the system's leaves them open for a moderator to review.
   */
  async hide(tx: Transaction, trace: ModeratedTrace, actor: Actor & { spam?: boolean }): Promise<StandingOutcome> {
    const tally = await ModerationQueries.openTally(tx.manager, trace.id);
    const action = await this.audit(tx, 'hide', trace.id, actor);
    const closed = actor.moderatorId ? await this.closeFlags(tx, trace.id, 'resolved', actor.moderatorId) : 0;
    await this.decide(tx, trace.id, 'hidden', action);
    const spam = actor.spam === true || tally.leading === 'spam';
    if (!spam) return { action, standing: 'hidden', flags_closed: closed };
    await this.ledger.set(tx, [
      { accountId: trace.contributor_id, sourceKey: removedKey(trace.id), reason: 'removed_as_spam', delta: POINTS.removed_as_spam, traceId: trace.id },
    ]);
    return { action, standing: 'hidden', flags_closed: closed, spam_removal: { contributor_id: trace.contributor_id, delta: POINTS.removed_as_spam } };
  }

  /**
   * Restores the standing the evidence earned (`trace_scores.standing`, pending without a row),
   * dismisses the open flags, and gives back the points of a spam removal.
   */
  async restore(tx: Transaction, trace: ModeratedTrace, actor: Actor & { moderatorId: string }): Promise<StandingOutcome> {
    const [score] = await tx.manager.query(`SELECT standing FROM trace_scores WHERE trace_id = $1`, [trace.id]);
    const earned: TraceStanding = score?.standing && score.standing !== 'hidden' ? score.standing : 'pending';
    const action = await this.audit(tx, 'restore', trace.id, actor);
    const closed = await this.closeFlags(tx, trace.id, 'dismissed', actor.moderatorId);
    await this.decide(tx, trace.id, earned, action);
    const removed = await tx.manager.query(`SELECT 1 FROM reputation_events WHERE account_id = $1 AND source_key = $2`, [trace.contributor_id, removedKey(trace.id)]);
    if (!removed.length) return { action, standing: earned, flags_closed: closed };
    await this.ledger.set(tx, [{ accountId: trace.contributor_id, sourceKey: removedKey(trace.id), reason: 'removed_as_spam', delta: 0, traceId: trace.id }]);
    return { action, standing: earned, flags_closed: closed, spam_removal: { contributor_id: trace.contributor_id, delta: 0 } };
  }

  /** Closes the trace as a duplicate of `targetId` (ingest has linked it): resolves its duplicate flags and hides it. */
  async merge(tx: Transaction, trace: ModeratedTrace, targetId: string, actor: Actor): Promise<StandingOutcome> {
    const action = await this.audit(tx, 'merge_duplicate', trace.id, actor, targetId);
    const closed = await this.closeFlags(tx, trace.id, 'resolved', actor.moderatorId, 'duplicate');
    await this.decide(tx, trace.id, 'hidden', action);
    return { action, standing: 'hidden', flags_closed: closed };
  }

  /** Resolves or dismisses every open flag of the trace (no standing changes). */
  async settleFlags(tx: Transaction, trace: ModeratedTrace, outcome: 'resolved' | 'dismissed', actor: Actor & { moderatorId: string }): Promise<StandingOutcome> {
    const action = await this.audit(tx, outcome === 'resolved' ? 'resolve_flags' : 'dismiss_flags', trace.id, actor);
    return { action, flags_closed: await this.closeFlags(tx, trace.id, outcome, actor.moderatorId) };
  }

  private async audit(tx: Transaction, action: ModerationAction, traceId: string, actor: Actor, relatedId: string | null = null): Promise<ActionView> {
    const [row] = await tx.manager.query(
      `INSERT INTO moderation_actions (moderator_id, action, trace_id, related_trace_id, reason, created_at)
       VALUES ($1, $2, $3, $4, $5, clock_timestamp()) RETURNING id, created_at`,
      [actor.moderatorId, action, traceId, relatedId, actor.reason],
    );
    return {
      id: row.id,
      action,
      trace_id: traceId,
      related_trace_id: relatedId,
      moderator_id: actor.moderatorId,
      reason: actor.reason,
      created_at: new Date(row.created_at).toISOString(),
    };
  }

  private async closeFlags(tx: Transaction, traceId: string, status: FlagStatus, by: string | null, category?: string): Promise<number> {
    const rows = await tx.manager.query(
      `UPDATE flags SET status = $2, resolved_by = $3, resolved_at = now()
       WHERE trace_id = $1 AND status = 'open' AND ($4::text IS NULL OR category = $4) RETURNING id`,
      [traceId, status, by, category ?? null],
    );
    return rowsOf(rows).length;
  }

  private async decide(tx: Transaction, traceId: string, standing: TraceStanding, action: ActionView): Promise<void> {
    await tx.emit(TraceStandingChanged.contract, {
      trace_id: traceId,
      standing,
      reason: action.reason.slice(0, 500),
      source: 'moderation',
      ...(action.moderator_id ? { moderator_id: action.moderator_id } : {}),
      decided_at: action.created_at,
    });
  }
}

/** UPDATE … RETURNING answers [rows, count] on PostgreSQL through TypeORM, rows on PGlite. */
function rowsOf(result: unknown): unknown[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as unknown[]) : (result as unknown[]);
}
