import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestAmendTrace } from '@commontrace/contracts';
import { UnitOfWork } from '@commontrace/messaging';
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
    private readonly uow: UnitOfWork,
  ) {}

  async execute(request: IngestAmendTrace.AmendTraceRequest): Promise<IngestAmendTrace.AmendmentView> {
    await this.guard.refuseSecrets({
      improved_solution: request.improved_solution,
      explanation: request.explanation,
      title: request.title,
      context_text: request.context_text,
    });
    const trace = await this.dataSource.manager.findOne(TraceEntity, { where: { id: request.trace_id }, select: { id: true, status: true } });
    if (!trace || trace.status === 'hidden') throw new DomainError(ErrorCode.NotFound, `No trace ${request.trace_id}`);

    const { texts, redactions } = this.guard.redact({
      improved_solution: request.improved_solution,
      explanation: request.explanation,
      ...(request.title ? { title: request.title } : {}),
      ...(request.context_text ? { context_text: request.context_text } : {}),
    } as Record<string, string>);
    return this.uow.run(async (tx) => {
      const saved = await tx.manager.save(
        tx.manager.create(AmendmentEntity, {
          trace_id: trace.id,
          author_id: request.author_id,
          improved_solution: texts['improved_solution'],
          explanation: texts['explanation'],
          title: texts['title'] ?? null,
          context_text: texts['context_text'] ?? null,
          status: 'pending',
        }),
      );
      return { ...toAmendmentView(saved), redactions };
    }, { idempotent: true });
  }
}
