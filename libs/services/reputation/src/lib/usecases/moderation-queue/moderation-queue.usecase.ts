import { Injectable } from '@nestjs/common';
import { FLAG_CATEGORIES, FlagCategory, PAGE_LIMITS, ReputationModerationQueue as Q } from '@commontrace/contracts';
import { tallyFlags } from '@commontrace/domain-reputation';
import { DataSource, EntityManager } from 'typeorm';
import { flaggerFacts } from '../../moderation/moderation-queries';
import { PrivilegeCheck } from '../../privileges/privilege-check';

/** The newest reasons shown per flagged trace. */
const LATEST_REASONS = 3;
/** The queue shows the start of long texts, so that a full page stays far below the reply limit. */
const SHOWN_CHARS = { reason: 300, explanation: 500 } as const;
/** The voters listed per duplicate-close group. */
const LISTED_VOTERS = 20;

interface Window {
  limit: number;
  offset: number;
}

/**
 * What waits for moderators, in three sections, each paged by offset (`next_cursor`):
 * - flagged: traces with open flags (hidden ones too: the system hid them and a moderator
 *   confirms or restores), most recently flagged first, with counts by category, the weight
 *   toward hiding and the newest reasons;
 * - amendments: pending amendments (ingest's table, read only), oldest first;
 * - duplicates: open duplicate flags from agents with the review privilege, by the trace and
 *   the original they name, most votes first (one actor's accounts vote once).
 */
@Injectable()
export class ModerationQueueUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly privileges: PrivilegeCheck,
  ) {}

  async execute(request: Q.ModerationQueueRequest): Promise<Q.ModerationQueueReply> {
    const m = this.dataSource.manager;
    await this.privileges.require(m, request.moderator_id, 'moderate', 'read the moderation queue');
    const window: Window = { limit: request.limit ?? PAGE_LIMITS.defaultLimit, offset: request.section ? Number(request.cursor ?? 0) : 0 };
    const wanted = (s: Q.QueueSection) => !request.section || request.section === s;
    return {
      ...(wanted('flagged') ? { flagged: await this.flagged(m, window) } : {}),
      ...(wanted('amendments') ? { amendments: await this.amendments(m, window) } : {}),
      ...(wanted('duplicates') ? { duplicates: await this.duplicates(m, window) } : {}),
    };
  }

  private async flagged(m: EntityManager, w: Window): Promise<Q.QueueSectionPage<Q.FlaggedTrace>> {
    const traces: { trace_id: string; title: string; status: string; contributor_id: string; open_flags: number }[] = await m.query(
      `SELECT f.trace_id, t.title, t.status, t.contributor_id, count(*)::int AS open_flags
       FROM flags f JOIN traces t ON t.id = f.trace_id WHERE f.status = 'open'
       GROUP BY f.trace_id, t.title, t.status, t.contributor_id
       ORDER BY max(f.created_at) DESC, f.trace_id LIMIT $1 OFFSET $2`,
      [w.limit + 1, w.offset],
    );
    const page = traces.slice(0, w.limit);
    const items: Q.FlaggedTrace[] = [];
    for (const t of page) {
      const flags: { flagger_id: string; origin: string | null; created_by: string | null; registered_at: Date; weight: number; category: FlagCategory; reason: string; created_at: Date }[] = await m.query(
        `SELECT f.flagger_id, a.origin, a.created_by, a.created_at AS registered_at, f.weight, f.category, f.reason, f.created_at FROM flags f JOIN accounts a ON a.id = f.flagger_id
         WHERE f.trace_id = $1 AND f.status = 'open' ORDER BY f.created_at DESC, f.id DESC`,
        [t.trace_id],
      );
      const tally = tallyFlags(
        flags.map((f) => ({ account: flaggerFacts({ ...f, created_at: f.registered_at }), weight: Number(f.weight), category: f.category })),
        FLAG_CATEGORIES,
      );
      const byCategory: Partial<Record<FlagCategory, number>> = {};
      for (const f of flags) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
      items.push({
        ...t,
        by_category: byCategory,
        weight: Math.round(tally.hideWeight * 1000) / 1000,
        latest_reasons: flags.slice(0, LATEST_REASONS).map((f) => ({ category: f.category, reason: f.reason.slice(0, SHOWN_CHARS.reason), created_at: new Date(f.created_at).toISOString() })),
      });
    }
    return { items, next_cursor: next(traces.length, w) };
  }

  private async amendments(m: EntityManager, w: Window): Promise<Q.QueueSectionPage<Q.PendingAmendment>> {
    const rows: (Q.PendingAmendment & { created_at: Date | string })[] = await m.query(
      `SELECT a.id AS amendment_id, a.trace_id, t.title AS trace_title, a.author_id, left(a.explanation, $3) AS explanation, a.created_at
       FROM amendments a JOIN traces t ON t.id = a.trace_id WHERE a.status = 'pending'
       ORDER BY a.created_at, a.id LIMIT $1 OFFSET $2`,
      [w.limit + 1, w.offset, SHOWN_CHARS.explanation],
    );
    const items = rows.slice(0, w.limit).map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
    return { items, next_cursor: next(rows.length, w) };
  }

  private async duplicates(m: EntityManager, w: Window): Promise<Q.QueueSectionPage<Q.DuplicateCloseVotes>> {
    const rows: { trace_id: string; duplicate_of: string; votes: number; voters: string[] }[] = await m.query(
      `SELECT f.trace_id, f.duplicate_of, count(DISTINCT COALESCE(a.origin, a.id::text))::int AS votes,
              json_agg(f.flagger_id ORDER BY f.created_at) AS voters
       FROM flags f JOIN accounts a ON a.id = f.flagger_id JOIN reputation r ON r.account_id = f.flagger_id
       JOIN traces t ON t.id = f.trace_id
       WHERE f.status = 'open' AND f.category = 'duplicate' AND f.duplicate_of IS NOT NULL AND r.points >= $1 AND t.status <> 'hidden'
       GROUP BY f.trace_id, f.duplicate_of
       ORDER BY votes DESC, max(f.created_at) DESC, f.trace_id, f.duplicate_of LIMIT $2 OFFSET $3`,
      [this.privileges.thresholds.review, w.limit + 1, w.offset],
    );
    const items = rows.slice(0, w.limit).map((r) => ({ ...r, voters: parsed(r.voters).slice(0, LISTED_VOTERS) }));
    return { items, next_cursor: next(rows.length, w) };
  }
}

function next(fetched: number, w: Window): string | null {
  return fetched > w.limit ? String(w.offset + w.limit) : null;
}

function parsed(value: unknown): string[] {
  return typeof value === 'string' ? (JSON.parse(value) as string[]) : (value as string[]);
}
