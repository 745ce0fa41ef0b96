import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestReviewAmendment, servedOrNotFound } from '@commontrace/contracts';
import { UnitOfWork } from '@commontrace/messaging';
import { AmendmentEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { Privileges } from '../../privileges/privileges';
import { checkBaseVersion } from '../amend-trace/base-version';
import { applyAmendment } from '../amend-trace/apply-amendment';
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
      if (request.decision === 'accept') {
        checkBaseVersion(amendment.base_version, trace.version);
        await applyAmendment(tx, trace, amendment, request.reviewer_id);
      } else {
        amendment.status = 'rejected';
        amendment.reviewed_by = request.reviewer_id;
        amendment.reviewed_at = new Date();
      }
      await m.save(amendment);
      return { amendment: toAmendmentView(amendment), version: trace.version };
    }, { idempotent: true });
  }
}
