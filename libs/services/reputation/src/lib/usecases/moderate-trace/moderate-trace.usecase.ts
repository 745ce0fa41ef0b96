import { Injectable } from '@nestjs/common';
import { ContentGuard } from '@commontrace/content-guard';
import { DomainError, ErrorCode, ReputationModerateTrace } from '@commontrace/contracts';
import { UnitOfWork } from '@commontrace/messaging';
import { DataSource } from 'typeorm';
import { MergeDuplicate } from '../../moderation/merge-duplicate';
import { ModerationQueries } from '../../moderation/moderation-queries';
import { TraceModeration } from '../../moderation/trace-moderation';
import { PrivilegeCheck } from '../../privileges/privilege-check';

type Request = ReputationModerateTrace.ModerateTraceRequest;
type Reply = ReputationModerateTrace.ModerateTraceReply;

/**
 * A moderator (the moderate privilege) hides, restores, resolves or dismisses flags, or merges a
 * duplicate. Each action is one transaction with its audit row and its events (see
 * TraceModeration); the reason is scanned and redacted like a contribution. Hiding a hidden
 * trace, restoring a visible one, or settling flags where none are open is 409 conflict.
 */
@Injectable()
export class ModerateTraceUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly guard: ContentGuard,
    private readonly privileges: PrivilegeCheck,
    private readonly moderation: TraceModeration,
    private readonly merger: MergeDuplicate,
  ) {}

  async execute(request: Request): Promise<Reply> {
    await this.privileges.require(this.dataSource.manager, request.moderator_id, 'moderate', 'moderate traces');
    const reason = await this.screened(request);
    if (request.action === 'merge_duplicate') {
      const targetId = request.target_id as string;
      return this.merger.run(
        { traceId: request.trace_id, targetId, moderatorId: request.moderator_id, linkAs: request.moderator_id, reason: reason ?? `merged into ${targetId}` },
        { idempotent: true },
      );
    }
    const actor = { moderatorId: request.moderator_id, reason: reason ?? '' };
    return this.uow.run(async (tx) => {
      await ModerationQueries.lock(tx.manager, request.trace_id);
      const trace = await ModerationQueries.traceOrNotFound(tx.manager, request.trace_id);
      const hidden = await ModerationQueries.isHidden(tx.manager, trace);
      switch (request.action) {
        case 'hide':
          if (hidden) throw new DomainError(ErrorCode.Conflict, 'The trace is already hidden');
          return this.moderation.hide(tx, trace, { ...actor, spam: request.spam });
        case 'restore':
          if (!hidden) throw new DomainError(ErrorCode.Conflict, 'The trace is not hidden');
          return this.moderation.restore(tx, trace, actor);
        default: {
          const outcome = await this.moderation.settleFlags(tx, trace, request.action === 'resolve_flags' ? 'resolved' : 'dismissed', actor);
          if (!outcome.flags_closed) throw new DomainError(ErrorCode.Conflict, 'The trace has no open flags');
          return outcome;
        }
      }
    }, { idempotent: true });
  }

  /** The reason with personal data replaced; a credential in it refuses the action. */
  private async screened(request: Request): Promise<string | undefined> {
    if (request.reason === undefined) return undefined;
    const { texts } = await this.guard.screen({ scan: { reason: request.reason }, redact: { reason: request.reason } });
    return texts.reason;
  }
}
