import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestSubmitTrace, TraceCreated } from '@commontrace/contracts';
import { contentHash } from '@commontrace/domain-traces';
import { UnitOfWork } from '@commontrace/messaging';
import { TraceEntity } from '@commontrace/persistence';

/**
 * Stores a validated trace and its `trace.created` event in one transaction. An exact
 * duplicate (same normalized content) is refused with the existing trace's id.
 */
@Injectable()
export class SubmitTraceUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(command: IngestSubmitTrace.SubmitTraceRequest): Promise<IngestSubmitTrace.SubmitTraceReply> {
    const { trace, contributor_id } = command;
    const hash = contentHash(trace);
    return this.uow.run(async (tx) => {
      // Serializes concurrent submissions of the same content, so two racing copies cannot both pass.
      await tx.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [hash]);
      const existing = await tx.manager.findOne(TraceEntity, {
        where: { content_hash: hash },
        select: { id: true, title: true },
      });
      if (existing) {
        throw new DomainError(ErrorCode.DuplicateTrace, 'An identical trace already exists; vote on it or amend it', {
          details: { existing_id: existing.id, existing_title: existing.title, similarity: 1 },
        });
      }
      const row = tx.manager.create(TraceEntity, {
        title: trace.title,
        context_text: trace.context_text,
        solution_text: trace.solution_text,
        tags: trace.tags ?? [],
        metadata: trace.metadata_json ?? {},
        agent_model: trace.agent_model ?? null,
        agent_version: trace.agent_version ?? null,
        contributor_id,
        content_hash: hash,
        status: 'pending',
      });
      const saved = await tx.manager.save(row);
      await tx.emit(TraceCreated.contract, {
        trace_id: saved.id,
        contributor_id,
        content_hash: hash,
        version: saved.version,
      });
      return { id: saved.id, status: saved.status };
    });
  }
}
