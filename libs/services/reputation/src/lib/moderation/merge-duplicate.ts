import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestLinkTraces } from '@commontrace/contracts';
import { BusClient, UnitOfWork } from '@commontrace/messaging';
import { DataSource } from 'typeorm';
import { ModerationQueries } from './moderation-queries';
import { StandingOutcome, TraceModeration } from './trace-moderation';

export interface MergeRequest {
  traceId: string;
  targetId: string;
  /** The moderator, or null when duplicate-close votes merge it. */
  moderatorId: string | null;
  /** Who makes the `duplicate_of` link in ingest: the moderator, or the voter whose vote completed the count. */
  linkAs: string;
  reason: string;
}

/**
 * Merges a duplicate into its original: ingest links it `duplicate_of` (a bus request made as an
 * agent with the review privilege, before any transaction opens: the link needs both traces
 * visible), then one transaction writes the audit row, resolves its duplicate flags and hides it
 * ("merged into <id>"). An existing link is fine: a retried merge links nothing twice.
 */
@Injectable()
export class MergeDuplicate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly bus: BusClient,
    private readonly moderation: TraceModeration,
  ) {}

  /** 404 for a missing trace or original, 409 when either is hidden, 400 for a trace merged into itself. */
  async check(traceId: string, targetId: string): Promise<void> {
    if (traceId === targetId) {
      throw new DomainError(ErrorCode.ValidationFailed, 'A trace cannot be merged into itself', {
        errors: [{ field: 'target_id', message: 'must differ from the duplicate' }],
      });
    }
    const m = this.dataSource.manager;
    for (const id of [traceId, targetId]) {
      const trace = await ModerationQueries.traceOrNotFound(m, id);
      if (await ModerationQueries.isHidden(m, trace)) {
        throw new DomainError(ErrorCode.Conflict, `Trace ${id} is hidden: restore it before merging`);
      }
    }
  }

  async run(request: MergeRequest, options: { idempotent?: boolean } = {}): Promise<StandingOutcome> {
    await this.check(request.traceId, request.targetId);
    await this.bus
      .request(IngestLinkTraces.contract, { source_id: request.traceId, target_id: request.targetId, kind: 'duplicate_of', created_by: request.linkAs })
      .catch((error: unknown) => {
        if (error instanceof DomainError && error.code === ErrorCode.Conflict) return; // already linked
        throw error;
      });
    return this.uow.run(async (tx) => {
      await ModerationQueries.lock(tx.manager, request.traceId);
      const trace = await ModerationQueries.traceOrNotFound(tx.manager, request.traceId);
      if (await ModerationQueries.isHidden(tx.manager, trace)) {
        throw new DomainError(ErrorCode.Conflict, `Trace ${trace.id} is already hidden`);
      }
      return this.moderation.merge(tx, trace, request.targetId, { moderatorId: request.moderatorId, reason: request.reason });
    }, options);
  }
}
