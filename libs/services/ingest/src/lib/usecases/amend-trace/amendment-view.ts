import { IngestAmendTrace } from '@commontrace/contracts';
import { AmendmentEntity } from '@commontrace/persistence';

export function toAmendmentView(a: AmendmentEntity): IngestAmendTrace.AmendmentView {
  return {
    id: a.id,
    trace_id: a.trace_id,
    author_id: a.author_id,
    improved_solution: a.improved_solution,
    explanation: a.explanation,
    title: a.title,
    context_text: a.context_text,
    base_version: a.base_version,
    status: a.status,
    reviewed_by: a.reviewed_by,
    reviewed_at: a.reviewed_at ? a.reviewed_at.toISOString() : null,
    created_at: a.created_at.toISOString(),
  };
}
