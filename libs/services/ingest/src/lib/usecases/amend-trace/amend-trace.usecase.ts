import { Injectable } from '@nestjs/common';
import { IngestAmendTrace, servedOrNotFound } from '@commontrace/contracts';
import { Transaction, UnitOfWork } from '@commontrace/messaging';
import { AmendmentEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { ContentGuard } from '@commontrace/content-guard';
import { Privileges } from '../../privileges/privileges';
import { checkBaseVersion } from './base-version';
import { applyAmendment } from './apply-amendment';
import { toAmendmentView } from './amendment-view';

/**
 * Proposes an improvement of a trace: scanned and redacted like a contribution. It records the
 * version it was written against (`base_version`, by default the current one); one written
 * against an older version is refused as stale. An amendment by the trace's owner or by an agent
 * with the edit privilege is accepted at once (a new version and `trace.amended`, as a review
 * would); anyone else's is pending until reviewed.
 */
@Injectable()
export class AmendTraceUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly guard: ContentGuard,
    private readonly uow: UnitOfWork,
    private readonly privileges: Privileges,
  ) {}

  async execute(request: IngestAmendTrace.AmendTraceRequest): Promise<IngestAmendTrace.AmendmentView> {
    const texts = {
      improved_solution: request.improved_solution,
      explanation: request.explanation,
      title: request.title,
      context_text: request.context_text,
    };
    const { texts: redacted, redactions } = await this.guard.screen({ scan: texts, redact: texts });
    const found = servedOrNotFound(
      await this.dataSource.manager.findOne(TraceEntity, {
        where: { id: request.trace_id },
        select: { id: true, status: true, version: true, contributor_id: true },
      }),
      request.trace_id,
    );
    const baseVersion = checkBaseVersion(request.base_version ?? found.version, found.version);
    const direct = await this.privileges.allows(request.author_id, {
      privilege: 'edit',
      ownerId: found.contributor_id,
      action: 'edit this trace directly',
    });

    return this.uow.run(
      async (tx) => {
        const trace = direct ? await this.locked(tx, request.trace_id, baseVersion) : found;
        const saved = await tx.manager.save(
          tx.manager.create(AmendmentEntity, {
            trace_id: trace.id,
            author_id: request.author_id,
            improved_solution: redacted.improved_solution,
            explanation: redacted.explanation,
            title: redacted.title ?? null,
            context_text: redacted.context_text ?? null,
            base_version: baseVersion,
            status: 'pending',
          }),
        );
        if (!direct) return { ...toAmendmentView(saved), redactions };
        await applyAmendment(tx, trace, saved, request.author_id);
        await tx.manager.save(saved);
        return { ...toAmendmentView(saved), trace_version: trace.version, redactions };
      },
      { idempotent: true },
    );
  }

  /** The trace, locked for the edit, still served and still at the amendment's base version. */
  private async locked(tx: Transaction, id: string, baseVersion: number): Promise<TraceEntity> {
    const trace = servedOrNotFound(await tx.manager.findOne(TraceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }), id);
    checkBaseVersion(baseVersion, trace.version);
    return trace;
  }
}
