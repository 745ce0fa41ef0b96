import { DomainError, ErrorCode, FLAG_CATEGORIES, FlagCategory, ModerationAction, TraceStatus } from '@commontrace/contracts';
import { AccountFacts, FlagTally, independentCount, tallyFlags } from '@commontrace/domain-reputation';
import { EntityManager } from 'typeorm';

/** What moderation reads of a trace (ingest owns the row). */
export interface ModeratedTrace {
  id: string;
  title: string;
  contributor_id: string;
  status: TraceStatus;
}

/** The columns of `accounts` a flagger's independence needs, as `a.` of a query. */
const FLAGGER_COLUMNS = 'a.id AS flagger_id, a.origin, a.created_by, a.created_at';

/**
 * A flagger's independence facts. A flagger holds the flag privilege, so it is never fresh: its
 * flags count once per origin or creator (independence.ts), never once per burst.
 */
export function flaggerFacts(row: { flagger_id: string; origin: string | null; created_by: string | null; created_at: Date | string }): AccountFacts {
  return { id: row.flagger_id, origin: row.origin, created_by: row.created_by, created_at: new Date(row.created_at), fresh: false };
}

/** The reads of flags and moderation, in one place. */
export const ModerationQueries = {
  /**
   * Serializes the flags and moderation of one trace until the transaction ends (an advisory lock:
   * reputation does not own the trace row). Audit rows take `clock_timestamp()` after it, so a
   * trace's decisions are ordered in time as they were taken.
   */
  async lock(m: EntityManager, traceId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('moderation:' || $1, 0))`, [traceId]);
  },

  async trace(m: EntityManager, traceId: string): Promise<ModeratedTrace | null> {
    const [row] = await m.query(`SELECT id, title, contributor_id, status FROM traces WHERE id = $1`, [traceId]);
    return (row as ModeratedTrace | undefined) ?? null;
  },

  /** The trace, or 404. */
  async traceOrNotFound(m: EntityManager, traceId: string): Promise<ModeratedTrace> {
    const trace = await ModerationQueries.trace(m, traceId);
    if (!trace) throw new DomainError(ErrorCode.NotFound, `No trace ${traceId}`);
    return trace;
  },

  /**
   * Hidden for moderation: its status says so, or the last hide/restore/merge decided so (the
   * decision may not have reached `traces.status` yet: ingest applies it from the event).
   */
  async isHidden(m: EntityManager, trace: ModeratedTrace): Promise<boolean> {
    const last = await ModerationQueries.lastStandingAction(m, trace.id);
    return last ? last !== 'restore' : trace.status === 'hidden';
  },

  async lastStandingAction(m: EntityManager, traceId: string): Promise<ModerationAction | null> {
    const [row] = await m.query(
      `SELECT action FROM moderation_actions WHERE trace_id = $1 AND action IN ('hide', 'restore', 'merge_duplicate')
       ORDER BY created_at DESC, id DESC LIMIT 1`,
      [traceId],
    );
    return (row?.action as ModerationAction | undefined) ?? null;
  },

  /** A moderator restored it once: flags alone do not hide it again. */
  async wasRestored(m: EntityManager, traceId: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM moderation_actions WHERE trace_id = $1 AND action = 'restore' LIMIT 1`, [traceId]);
    return rows.length > 0;
  },

  /** The agent's reputation in the trace's domain: its best Wilson score over the trace's tags (0 without any). */
  async domainReputation(m: EntityManager, accountId: string, traceId: string): Promise<number> {
    const [row] = await m.query(
      `SELECT COALESCE(max(d.wilson), 0)::float AS wilson FROM domain_reputation d
       WHERE d.account_id = $1 AND d.tag IN (SELECT unnest(t.tags) FROM traces t WHERE t.id = $2)`,
      [accountId, traceId],
    );
    return Number(row?.wilson ?? 0);
  },

  /** The open flags of a trace with their flaggers' independence facts, tallied. */
  async openTally(m: EntityManager, traceId: string): Promise<FlagTally> {
    const rows: { flagger_id: string; origin: string | null; created_by: string | null; created_at: Date; weight: number; category: FlagCategory }[] = await m.query(
      `SELECT ${FLAGGER_COLUMNS}, f.weight, f.category FROM flags f JOIN accounts a ON a.id = f.flagger_id
       WHERE f.trace_id = $1 AND f.status = 'open'`,
      [traceId],
    );
    return tallyFlags(
      rows.map((r) => ({ account: flaggerFacts(r), weight: Number(r.weight), category: r.category })),
      FLAG_CATEGORIES,
    );
  },

  /** Duplicate-close votes for closing the trace as a duplicate of `target`: open duplicate flags of agents with `reviewPoints`, one per independent group. */
  async closeVotes(m: EntityManager, traceId: string, target: string, reviewPoints: number): Promise<number> {
    const rows: { flagger_id: string; origin: string | null; created_by: string | null; created_at: Date }[] = await m.query(
      `SELECT ${FLAGGER_COLUMNS}
       FROM flags f JOIN accounts a ON a.id = f.flagger_id JOIN reputation r ON r.account_id = f.flagger_id
       WHERE f.trace_id = $1 AND f.duplicate_of = $2 AND f.status = 'open' AND f.category = 'duplicate' AND r.points >= $3`,
      [traceId, target, reviewPoints],
    );
    return independentCount(rows.map(flaggerFacts));
  },
};
