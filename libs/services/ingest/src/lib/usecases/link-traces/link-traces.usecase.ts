import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestLinkTraces, servedOrNotFound, TraceStatusChanged } from '@commontrace/contracts';
import { Transaction, UnitOfWork } from '@commontrace/messaging';
import { TraceEntity } from '@commontrace/persistence';
import { DataSource, EntityManager, In } from 'typeorm';
import { Privileges } from '../../privileges/privileges';
import { linkAuthority } from './link-rules';

type LinkedTrace = Pick<TraceEntity, 'id' | 'contributor_id' | 'status'>;

/**
 * Records a typed link from one trace to another, with who made it. Who may make it depends
 * on what it changes (see `linkAuthority`). `supersedes` also marks the target superseded
 * (pointing to the source) and emits `trace.status-changed`. Hidden traces cannot be linked.
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
    const { source, target } = await this.pair(this.dataSource.manager, request);
    // The reputation service is asked before the transaction: no connection is held meanwhile.
    await this.privileges.require(request.created_by, ...linkAuthority(request.kind, source, target));

    return this.uow.run(async (tx) => {
      // Visibility may have changed since: read again under a lock (taken in id order, so that
      // two opposite links cannot deadlock).
      const locked = await this.pair(tx.manager, request, request.kind === 'supersedes' ? 'pessimistic_write' : 'pessimistic_read');
      const [link] = await tx.manager.query<{ id: string; created_at: Date }[]>(
        `INSERT INTO trace_links (source_id, target_id, kind, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT trace_links_source_target_kind_key DO NOTHING RETURNING id, created_at`,
        [source.id, target.id, request.kind, request.created_by],
      );
      if (!link) throw new DomainError(ErrorCode.Conflict, `The traces are already linked as ${request.kind}`);
      if (request.kind === 'supersedes') await this.supersede(tx, locked.source, locked.target);
      return {
        id: link.id,
        source_id: source.id,
        target_id: target.id,
        kind: request.kind,
        created_by: request.created_by,
        created_at: new Date(link.created_at).toISOString(),
      };
    }, { idempotent: true });
  }

  /** Both traces, or 404 when either is missing or hidden. */
  private async pair(
    m: EntityManager,
    request: IngestLinkTraces.LinkTracesRequest,
    lock?: 'pessimistic_read' | 'pessimistic_write',
  ): Promise<{ source: LinkedTrace; target: LinkedTrace }> {
    const rows = await m.find(TraceEntity, {
      where: { id: In([request.source_id, request.target_id]) },
      select: { id: true, contributor_id: true, status: true },
      ...(lock ? { order: { id: 'ASC' as const }, lock: { mode: lock } } : {}),
    });
    return {
      source: servedOrNotFound(rows.find((t) => t.id === request.source_id), request.source_id),
      target: servedOrNotFound(rows.find((t) => t.id === request.target_id), request.target_id),
    };
  }

  private async supersede(tx: Transaction, source: LinkedTrace, target: LinkedTrace): Promise<void> {
    // A superseded trace points to its successor; letting it supersede others would allow cycles.
    if (source.status === 'superseded') {
      throw new DomainError(ErrorCode.Conflict, 'This trace is itself superseded: link its successor instead');
    }
    await tx.manager.update(TraceEntity, { id: target.id }, { status: 'superseded', superseded_by: source.id });
    await tx.manager.update(TraceEntity, { id: source.id }, { supersedes: target.id });
    if (target.status !== 'superseded') {
      await tx.emit(TraceStatusChanged.contract, {
        trace_id: target.id,
        from: target.status,
        to: 'superseded',
        reason: 'superseded',
        related_trace_id: source.id,
      });
    }
  }
}
