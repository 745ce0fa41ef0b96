import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, SearchGetTrace, TraceView } from '@commontrace/contracts';
import { TraceEmbeddingEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';

export function toTraceView(t: TraceEntity, hasEmbedding: boolean): TraceView {
  return {
    id: t.id,
    title: t.title,
    context_text: t.context_text,
    solution_text: t.solution_text,
    tags: t.tags,
    language: t.language,
    framework: t.framework,
    metadata_json: t.metadata,
    agent_model: t.agent_model,
    agent_version: t.agent_version,
    contributor_id: t.contributor_id,
    status: t.status,
    version: t.version,
    has_embedding: hasEmbedding,
    created_at: t.created_at.toISOString(),
    updated_at: t.updated_at.toISOString(),
  };
}

@Injectable()
export class GetTraceUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: SearchGetTrace.GetTraceRequest): Promise<SearchGetTrace.GetTraceReply> {
    const trace = await this.dataSource.manager.findOne(TraceEntity, { where: { id: request.id } });
    if (!trace || trace.status === 'hidden') {
      throw new DomainError(ErrorCode.NotFound, `No trace ${request.id}`);
    }
    const hasEmbedding = await this.dataSource.manager.exists(TraceEmbeddingEntity, { where: { trace_id: trace.id } });
    return toTraceView(trace, hasEmbedding);
  }
}
