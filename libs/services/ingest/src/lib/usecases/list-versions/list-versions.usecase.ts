import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestListVersions } from '@commontrace/contracts';
import { AmendmentEntity, TraceEntity, TraceVersionEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';

/** Every version of a trace, oldest first; the last is the current text. */
@Injectable()
export class ListVersionsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: IngestListVersions.ListVersionsRequest): Promise<IngestListVersions.ListVersionsReply> {
    const m = this.dataSource.manager;
    const trace = await m.findOne(TraceEntity, { where: { id: request.trace_id } });
    if (!trace) throw new DomainError(ErrorCode.NotFound, `No trace ${request.trace_id}`);
    const past = await m.find(TraceVersionEntity, { where: { trace_id: trace.id }, order: { version: 'ASC' } });
    const lastAccepted = await m.findOne(AmendmentEntity, {
      where: { trace_id: trace.id, status: 'accepted' },
      order: { reviewed_at: 'DESC' },
    });
    return {
      versions: [
        ...past.map((v) => ({
          version: v.version,
          title: v.title,
          context_text: v.context_text,
          solution_text: v.solution_text,
          tags: v.tags,
          created_by: v.created_by,
          created_at: v.created_at.toISOString(),
          current: false,
        })),
        {
          version: trace.version,
          title: trace.title,
          context_text: trace.context_text,
          solution_text: trace.solution_text,
          tags: trace.tags,
          created_by: lastAccepted?.author_id ?? trace.contributor_id,
          created_at: (lastAccepted?.reviewed_at ?? trace.created_at).toISOString(),
          current: true,
        },
      ],
    };
  }
}
