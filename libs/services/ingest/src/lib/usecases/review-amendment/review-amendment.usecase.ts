import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestReviewAmendment, TraceAmended } from '@commontrace/contracts';
import { contentHash } from '@commontrace/domain-traces';
import { UnitOfWork } from '@commontrace/messaging';
import { AmendmentEntity, TraceEntity, TraceVersionEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { Privileges } from '../../privileges/privileges';
import { servedOrNotFound } from '../../privileges/visibility';
import { checkBaseVersion } from '../amend-trace/base-version';
import { toAmendmentView } from '../amend-trace/amendment-view';

/**
 * The trace's owner, or an agent with the review privilege, accepts or rejects a pending
 * amendment. Accepting keeps the current text as a version, applies the amendment as the next
 * version, and emits `trace.amended`, all in one transaction. Only an amendment written against
 * the current version can be accepted (409 stale_amendment otherwise; it stays pending and can
 * still be rejected).
 */
@Injectable()
export class ReviewAmendmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly privileges: Privileges,
  ) {}

  async execute(request: IngestReviewAmendment.ReviewAmendmentRequest): Promise<IngestReviewAmendment.ReviewAmendmentReply> {
    const owned = servedOrNotFound(
      await this.dataSource.manager.findOne(TraceEntity, {
        where: { id: request.trace_id },
        select: { id: true, contributor_id: true, status: true },
      }),
      request.trace_id,
    );
    await this.privileges.require(request.reviewer_id, {
      privilege: 'review',
      ownerId: owned.contributor_id,
      action: 'review amendments of this trace',
    });

    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const trace = servedOrNotFound(
        await m.findOne(TraceEntity, { where: { id: request.trace_id }, lock: { mode: 'pessimistic_write' } }),
        request.trace_id,
      );
      const amendment = await m.findOne(AmendmentEntity, { where: { id: request.amendment_id, trace_id: request.trace_id } });
      if (!amendment) throw new DomainError(ErrorCode.NotFound, `No amendment ${request.amendment_id} of trace ${request.trace_id}`);
      if (amendment.status !== 'pending') {
        throw new DomainError(ErrorCode.Conflict, `The amendment was already ${amendment.status}`);
      }
      // Applying it over a newer text would silently revert that text: 409, nothing changes.
      if (request.decision === 'accept') checkBaseVersion(amendment.base_version, trace.version);
      amendment.status = request.decision === 'accept' ? 'accepted' : 'rejected';
      amendment.reviewed_by = request.reviewer_id;
      amendment.reviewed_at = new Date();

      if (request.decision === 'accept') {
        const previousAuthor = await m.findOne(AmendmentEntity, {
          where: { trace_id: trace.id, status: 'accepted' },
          order: { reviewed_at: 'DESC' },
          select: { author_id: true },
        });
        await m.save(TraceVersionEntity, {
          trace_id: trace.id,
          version: trace.version,
          title: trace.title,
          context_text: trace.context_text,
          solution_text: trace.solution_text,
          tags: trace.tags,
          metadata: trace.metadata,
          created_by: previousAuthor?.author_id ?? trace.contributor_id,
        });
        trace.solution_text = amendment.improved_solution;
        trace.title = amendment.title ?? trace.title;
        trace.context_text = amendment.context_text ?? trace.context_text;
        trace.version += 1;
        trace.content_hash = contentHash(trace);
        await m.save(trace);
        await tx.emit(TraceAmended.contract, {
          trace_id: trace.id,
          amendment_id: amendment.id,
          author_id: amendment.author_id,
          version: trace.version,
          content_hash: trace.content_hash,
        });
      }
      await m.save(amendment);
      return { amendment: toAmendmentView(amendment), version: trace.version };
    }, { idempotent: true });
  }
}
