import { Injectable } from '@nestjs/common';
import { SearchGetTrace, servedOrNotFound, TraceView, TrustSummary } from '@commontrace/contracts';
import { emptyTrustSummary } from '@commontrace/domain-reputation';
import { TraceEmbeddingEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { suggestedChanges, trustSummaries } from '../../trust/trust-summaries';

export function toTraceView(t: TraceEntity, hasEmbedding: boolean, trust: TrustSummary = emptyTrustSummary()): TraceView {
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
    trust,
  };
}

@Injectable()
export class GetTraceUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: SearchGetTrace.GetTraceRequest): Promise<SearchGetTrace.GetTraceReply> {
    const m = this.dataSource.manager;
    // Three reads side by side (one round trip's wait instead of three); the other two are used only for a served trace.
    const [found, hasEmbedding, trusts] = await Promise.all([
      m.findOne(TraceEntity, { where: { id: request.id } }),
      m.exists(TraceEmbeddingEntity, { where: { trace_id: request.id } }),
      trustSummaries(m, [request.id]),
    ]);
    const trace = servedOrNotFound(found, request.id);
    const view = toTraceView(trace, hasEmbedding, trusts.get(trace.id));
    // The owner sees what verifiers had to change, to turn into an amendment.
    if (request.reader_id && request.reader_id === trace.contributor_id) view.suggested_changes = await suggestedChanges(this.dataSource.manager, trace.id);
    return view;
  }
}
