import { TraceAmended } from '@commontrace/contracts';
import { contentHash } from '@commontrace/domain-traces';
import { Transaction } from '@commontrace/messaging';
import { AmendmentEntity, TraceEntity, TraceVersionEntity } from '@commontrace/persistence';
import { traceSignatureText, writeErrorSignatures } from '../../search-index/error-signatures';
import { indexTracesLexically } from '../../search-index/lexical-postings';

/**
 * Accepts an amendment in the caller's transaction, on a trace row it holds locked: keeps the
 * current text as a version (credited to whoever wrote it), applies the amendment as the next
 * version (its lexical index replaced) and emits `trace.amended`. The caller has checked the base version and who may accept.
 */
export async function applyAmendment(tx: Transaction, trace: TraceEntity, amendment: AmendmentEntity, acceptedBy: string): Promise<void> {
  const m = tx.manager;
  const previousAuthor = await m.findOne(AmendmentEntity, {
    where: { trace_id: trace.id, status: 'accepted' },
    order: { reviewed_at: 'DESC' },
    select: { author_id: true },
  });
  await m.save(TraceVersionEntity, {
    trace_id: trace.id,
    version: trace.version,
    title: trace.title,
    context_text: trace.context_text,
    solution_text: trace.solution_text,
    tags: trace.tags,
    metadata: trace.metadata,
    created_by: previousAuthor?.author_id ?? trace.contributor_id,
  });
  trace.solution_text = amendment.improved_solution;
  trace.title = amendment.title ?? trace.title;
  trace.context_text = amendment.context_text ?? trace.context_text;
  trace.version += 1;
  trace.content_hash = contentHash(trace);
  await m.save(trace);
  if (amendment.title != null || amendment.context_text != null) await writeErrorSignatures(m, trace.id, traceSignatureText(trace));
  await indexTracesLexically(m, [trace]);
  amendment.status = 'accepted';
  amendment.reviewed_by = acceptedBy;
  amendment.reviewed_at = new Date();
  await tx.emit(TraceAmended.contract, {
    trace_id: trace.id,
    amendment_id: amendment.id,
    author_id: amendment.author_id,
    version: trace.version,
    content_hash: trace.content_hash,
  });
}
