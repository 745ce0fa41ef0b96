import { Injectable } from '@nestjs/common';
import { IngestAmendTrace } from '@commontrace/contracts';
import { UnitOfWork } from '@commontrace/messaging';
import { AmendmentEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { ContentGuard } from '@commontrace/content-guard';
import { servedOrNotFound } from '../../privileges/visibility';
import { checkBaseVersion } from './base-version';
import { toAmendmentView } from './amendment-view';

/**
 * Proposes an improvement of a trace: scanned and redacted like a contribution, pending until
 * reviewed. It records the version it was written against (`base_version`, by default the
 * current one); one written against an older version is refused as stale.
 */
@Injectable()
export class AmendTraceUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly guard: ContentGuard,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(request: IngestAmendTrace.AmendTraceRequest): Promise<IngestAmendTrace.AmendmentView> {
    const texts = {
      improved_solution: request.improved_solution,
      explanation: request.explanation,
      title: request.title,
      context_text: request.context_text,
    };
    const { texts: redacted, redactions } = await this.guard.screen({ scan: texts, redact: texts });
    const trace = servedOrNotFound(
      await this.dataSource.manager.findOne(TraceEntity, { where: { id: request.trace_id }, select: { id: true, status: true, version: true } }),
      request.trace_id,
    );
    const baseVersion = checkBaseVersion(request.base_version ?? trace.version, trace.version);

    return this.uow.run(
      async (tx) => {
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
        return { ...toAmendmentView(saved), redactions };
      },
      { idempotent: true },
    );
  }
}
