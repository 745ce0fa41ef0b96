import { Injectable, Logger } from '@nestjs/common';
import { ContentGuard } from '@commontrace/content-guard';
import { DomainError, ErrorCode, ReputationFlagTrace } from '@commontrace/contracts';
import { signalWeight } from '@commontrace/domain-reputation';
import { Transaction, UnitOfWork } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { DataSource } from 'typeorm';
import { MergeDuplicate } from '../../moderation/merge-duplicate';
import { ModeratedTrace, ModerationQueries } from '../../moderation/moderation-queries';
import { TraceModeration } from '../../moderation/trace-moderation';
import { PrivilegeCheck } from '../../privileges/privilege-check';

type Reply = ReputationFlagTrace.FlagTraceReply;

/**
 * An agent with the flag privilege reports a trace (one flag per agent and trace; a repeat
 * replaces it and opens it again). The reason is scanned and redacted like a contribution. A
 * flag weighs `signalWeight` of the flagger's reputation in the trace's tags. One flag never
 * hides a trace: when the open flags' weight (one actor's accounts once, duplicate flags
 * aside) reaches FLAG_HIDE_WEIGHT, the system hides it, unless a moderator restored it before.
 * A duplicate flag from an agent with the review privilege is a close vote: at
 * DUPLICATE_CLOSE_VOTES independent votes for one original, the trace is merged into it.
 * Flagging one's own trace is refused: its owner amends it or links it instead.
 */
@Injectable()
export class FlagTraceUseCase {
  private readonly logger = new Logger('FlagTrace');

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly guard: ContentGuard,
    private readonly privileges: PrivilegeCheck,
    private readonly moderation: TraceModeration,
    private readonly merger: MergeDuplicate,
    private readonly env: AppEnv,
  ) {}

  async execute(request: ReputationFlagTrace.FlagTraceRequest): Promise<Reply> {
    checkDuplicateOf(request);
    await this.privileges.require(this.dataSource.manager, request.flagger_id, 'flag', 'flag a trace');
    const { texts, redactions } = await this.guard.screen({ scan: { reason: request.reason }, redact: { reason: request.reason } });

    let mergeDue = false;
    const reply = await this.uow.run(async (tx) => {
      await ModerationQueries.lock(tx.manager, request.trace_id);
      const trace = await this.visible(tx, request.trace_id);
      if (trace.contributor_id === request.flagger_id) {
        throw new DomainError(ErrorCode.Forbidden, 'You cannot flag your own trace: amend it, or link it as a duplicate or superseded');
      }
      if (request.duplicate_of) await this.visible(tx, request.duplicate_of);
      const weight = signalWeight(await ModerationQueries.domainReputation(tx.manager, request.flagger_id, trace.id));
      const flag = await this.upsert(tx, request, texts.reason, weight);
      mergeDue = await this.closeVotesReached(tx, request);
      const outcome = mergeDue ? 'recorded' : await this.hideIfFlaggedEnough(tx, trace);
      return { ...flag, outcome, ...(redactions.length ? { redactions } : {}) } satisfies Reply;
    }, { idempotent: true });

    if (!mergeDue || !request.duplicate_of) return reply;
    // The votes suffice: merge, linking as the agent whose vote completed them (it has the review privilege).
    try {
      await this.merger.run({
        traceId: request.trace_id,
        targetId: request.duplicate_of,
        moderatorId: null,
        linkAs: request.flagger_id,
        reason: `merged into ${request.duplicate_of}: ${this.env.DUPLICATE_CLOSE_VOTES} duplicate-close votes`,
      });
      return { ...reply, outcome: 'merged' };
    } catch (error) {
      // The flag is stored; the next vote, or a moderator, merges it.
      this.logger.warn(`Could not merge ${request.trace_id} into ${request.duplicate_of}: ${(error as Error).message}`);
      return reply;
    }
  }

  /** The trace, or 404 when it is missing or hidden (as everywhere a hidden trace is asked for). */
  private async visible(tx: Transaction, traceId: string): Promise<ModeratedTrace> {
    const trace = await ModerationQueries.trace(tx.manager, traceId);
    if (!trace || (await ModerationQueries.isHidden(tx.manager, trace))) throw new DomainError(ErrorCode.NotFound, `No trace ${traceId}`);
    return trace;
  }

  private async upsert(tx: Transaction, request: ReputationFlagTrace.FlagTraceRequest, reason: string, weight: number): Promise<ReputationFlagTrace.FlagView> {
    const [row] = await tx.manager.query(
      `INSERT INTO flags (trace_id, flagger_id, category, reason, duplicate_of, weight) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT flags_trace_flagger_key DO UPDATE
         SET category = EXCLUDED.category, reason = EXCLUDED.reason, duplicate_of = EXCLUDED.duplicate_of, weight = EXCLUDED.weight,
             status = 'open', resolved_by = NULL, resolved_at = NULL, created_at = now()
       RETURNING id, trace_id, flagger_id, category, reason, duplicate_of, weight, status, created_at`,
      [request.trace_id, request.flagger_id, request.category, reason, request.duplicate_of ?? null, weight],
    );
    return { ...row, weight: Number(row.weight), created_at: new Date(row.created_at).toISOString() };
  }

  private async closeVotesReached(tx: Transaction, request: ReputationFlagTrace.FlagTraceRequest): Promise<boolean> {
    if (request.category !== 'duplicate' || !request.duplicate_of) return false;
    const review = this.privileges.thresholds.review;
    if ((await this.privileges.points(tx.manager, request.flagger_id)) < review) return false;
    return (await ModerationQueries.closeVotes(tx.manager, request.trace_id, request.duplicate_of, review)) >= this.env.DUPLICATE_CLOSE_VOTES;
  }

  private async hideIfFlaggedEnough(tx: Transaction, trace: ModeratedTrace): Promise<Reply['outcome']> {
    const tally = await ModerationQueries.openTally(tx.manager, trace.id);
    if (tally.hideWeight < this.env.FLAG_HIDE_WEIGHT - 1e-9) return 'recorded';
    if (await ModerationQueries.wasRestored(tx.manager, trace.id)) return 'recorded';
    const by = Object.entries(tally.byCategory)
      .filter(([category]) => category !== 'duplicate')
      .map(([category, w]) => `${category} ${Math.round((w ?? 0) * 100) / 100}`)
      .join(', ');
    await this.moderation.hide(tx, trace, { moderatorId: null, reason: `hidden by weighted flags (${by})` });
    return 'hidden';
  }
}

/** `duplicate_of` belongs to duplicate flags only, and names another trace. */
function checkDuplicateOf(request: ReputationFlagTrace.FlagTraceRequest): void {
  const refuse = (message: string) => new DomainError(ErrorCode.ValidationFailed, message, { errors: [{ field: 'duplicate_of', message }] });
  if (request.category !== 'duplicate' && request.duplicate_of !== undefined) throw refuse('only a duplicate flag names the trace it duplicates');
  if (request.duplicate_of === request.trace_id) throw refuse('a trace cannot duplicate itself');
}
