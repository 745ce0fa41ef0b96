import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestLinkTraces, TraceStatusChanged } from '@commontrace/contracts';
import { UnitOfWork } from '@commontrace/messaging';
import { TraceEntity, TraceLinkEntity } from '@commontrace/persistence';
import { DataSource, In } from 'typeorm';
import { Privileges } from '../../privileges/privileges';

/**
 * Records a typed link from one trace to another, with who made it. `supersedes` also marks
 * the target superseded (pointing to the source) and emits `trace.status-changed`.
 * The source's owner may link it; others need the link privilege.
 */
@Injectable()
export class LinkTracesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly privileges: Privileges,
  ) {}

  async execute(request: IngestLinkTraces.LinkTracesRequest): Promise<IngestLinkTraces.LinkView> {
    if (request.source_id === request.target_id) {
      throw new DomainError(ErrorCode.ValidationFailed, 'A trace cannot be linked to itself', {
        errors: [{ field: 'target_id', message: 'must differ from the trace being linked' }],
      });
    }
    const traces = await this.dataSource.manager.find(TraceEntity, {
      where: { id: In([request.source_id, request.target_id]) },
      select: { id: true, contributor_id: true },
    });
    const source = traces.find((t) => t.id === request.source_id);
    if (!source) throw new DomainError(ErrorCode.NotFound, `No trace ${request.source_id}`);
    if (!traces.some((t) => t.id === request.target_id)) throw new DomainError(ErrorCode.NotFound, `No trace ${request.target_id}`);
    await this.privileges.require('link', request.created_by, source.contributor_id, 'link this trace');

    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const exists = await m.exists(TraceLinkEntity, {
        where: { source_id: request.source_id, target_id: request.target_id, kind: request.kind },
      });
      if (exists) throw new DomainError(ErrorCode.Conflict, `The traces are already linked as ${request.kind}`);
      const link = await m.save(
        m.create(TraceLinkEntity, {
          source_id: request.source_id,
          target_id: request.target_id,
          kind: request.kind,
          created_by: request.created_by,
        }),
      );
      if (request.kind === 'supersedes') {
        const target = await m.findOneOrFail(TraceEntity, { where: { id: request.target_id }, lock: { mode: 'pessimistic_write' } });
        const from = target.status;
        await m.update(TraceEntity, { id: target.id }, { status: 'superseded', superseded_by: request.source_id });
        await m.update(TraceEntity, { id: request.source_id }, { supersedes: target.id });
        if (from !== 'superseded') {
          await tx.emit(TraceStatusChanged.contract, {
            trace_id: target.id,
            from,
            to: 'superseded',
            reason: 'superseded',
            related_trace_id: request.source_id,
          });
        }
      }
      return {
        id: link.id,
        source_id: link.source_id,
        target_id: link.target_id,
        kind: link.kind,
        created_by: link.created_by,
        created_at: link.created_at.toISOString(),
      };
    }, { idempotent: true });
  }
}
