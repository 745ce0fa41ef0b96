import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestAmendTrace } from '@commontrace/contracts';
import { AmendmentEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { ContentGuard } from '../../guard/content-guard';
import { toAmendmentView } from './amendment-view';

/** Proposes an improvement of a trace: scanned and redacted like a contribution, pending until reviewed. */
@Injectable()
export class AmendTraceUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly guard: ContentGuard,
  ) {}

  async execute(request: IngestAmendTrace.AmendTraceRequest): Promise<IngestAmendTrace.AmendmentView> {
    const texts = {
      improved_solution: request.improved_solution,
      explanation: request.explanation,
      title: request.title,
      context_text: request.context_text,
    };
    const { texts: redacted, redactions } = await this.guard.screen({ scan: texts, redact: texts });
    const trace = await this.dataSource.manager.findOne(TraceEntity, { where: { id: request.trace_id }, select: { id: true, status: true } });
    if (!trace || trace.status === 'hidden') throw new DomainError(ErrorCode.NotFound, `No trace ${request.trace_id}`);

    const saved = await this.dataSource.manager.save(
      this.dataSource.manager.create(AmendmentEntity, {
        trace_id: trace.id,
        author_id: request.author_id,
        improved_solution: redacted.improved_solution,
        explanation: redacted.explanation,
        title: redacted.title ?? null,
        context_text: redacted.context_text ?? null,
        status: 'pending',
      }),
    );
    return { ...toAmendmentView(saved), redactions };
  }
}
