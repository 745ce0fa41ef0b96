import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestSubmitTrace, packFloat32, TraceCreated } from '@commontrace/contracts';
import { contentHash, detectStack } from '@commontrace/domain-traces';
import { Transaction, UnitOfWork } from '@commontrace/messaging';
import { TraceEntity, TraceLinkEntity } from '@commontrace/persistence';
import { traceSignatureText, writeErrorSignatures } from '../../search-index/error-signatures';
import { DuplicateFinder } from '../../duplicates/duplicate-finder';
import { ContentGuard } from '@commontrace/content-guard';
import { indexTracesLexically } from '../../search-index/lexical-postings';

type Reply = IngestSubmitTrace.SubmitTraceReply;

/**
 * Decides whether a contribution enters the shared memory, then stores it with its
 * `trace.created` event in one transaction:
 * 1. a credential anywhere (tags and metadata included) refuses it (422 secret_detected, naming
 *    kinds and fields, never values);
 * 2. personal data in the texts and the metadata is replaced by placeholders, and the reply says
 *    what was replaced;
 * 3. an exact duplicate (same normalized content) or a near duplicate (close vector, and strong
 *    evidence in the texts) is refused with the existing trace, unless `force` stores it linked
 *    `duplicate_of`; a close trace with weaker evidence is stored and linked `related` to it.
 */
@Injectable()
export class SubmitTraceUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly duplicates: DuplicateFinder,
    private readonly guard: ContentGuard,
  ) {}

  async execute(command: IngestSubmitTrace.SubmitTraceRequest): Promise<Reply> {
    const { contributor_id, trace: input } = command;
    const { texts, redactions } = await this.guard.screen({
      scan: {
        title: input.title,
        context_text: input.context_text,
        solution_text: input.solution_text,
        agent_model: input.agent_model,
        agent_version: input.agent_version,
        metadata_json: input.metadata_json ? JSON.stringify(input.metadata_json, null, 1) : undefined,
        tags: input.tags?.join('\n'),
      },
      redact: {
        title: input.title,
        context_text: input.context_text,
        solution_text: input.solution_text,
        metadata_json: input.metadata_json,
      },
    });
    const trace = { ...input, ...texts };

    const hash = contentHash(trace);
    const embedded = await this.duplicates.embed(trace);
    return this.uow.run(async (tx) => {
      // Serializes concurrent submissions of the same content, so two racing copies cannot both pass.
      await tx.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [hash]);
      const exact = await tx.manager.findOne(TraceEntity, { where: { content_hash: hash }, select: { id: true, title: true, status: true } });
      // Content that moderation removed stays out, even forced, and the answer names nothing hidden.
      if (exact?.status === 'hidden') {
        throw new DomainError(ErrorCode.DuplicateTrace, 'This content was removed from CommonTrace by moderation and cannot be contributed again');
      }
      const match = exact
        ? { id: exact.id, title: exact.title, similarity: 1, verdict: 'duplicate' as const }
        : embedded && (await this.duplicates.nearest(tx.manager, trace, embedded));
      const duplicate = match && match.verdict === 'duplicate' ? match : undefined;
      if (duplicate && !input.force) {
        throw new DomainError(ErrorCode.DuplicateTrace, 'This trace duplicates an existing one: vote on it or amend it instead', {
          details: {
            existing_id: duplicate.id,
            existing_title: duplicate.title,
            similarity: duplicate.similarity,
            hint: `POST /api/v1/traces/${duplicate.id}/votes to confirm it, or /amendments to improve it; send "force": true to store yours anyway`,
          },
        });
      }
      const saved = await this.store(tx, contributor_id, trace, hash, embedded);
      // A forced duplicate is linked duplicate_of; a close trace the evidence cannot call a duplicate is linked related.
      if (match) {
        const kind = duplicate ? 'duplicate_of' : 'related';
        await tx.manager.insert(TraceLinkEntity, { source_id: saved.id, target_id: match.id, kind, created_by: contributor_id });
      }
      const linked = duplicate ? { duplicate_of: duplicate.id } : match ? { related_to: match.id } : {};
      return { id: saved.id, status: saved.status, redactions, ...linked };
    }, { idempotent: true });
  }

  private async store(
    tx: Transaction,
    contributorId: string,
    trace: IngestSubmitTrace.SubmitTraceRequest['trace'],
    hash: string,
    embedded: { model: string; vector: number[] } | undefined,
  ) {
    const given = trace.metadata_json ?? {};
    const detected = detectStack(`${trace.context_text}\n${trace.solution_text}`, trace.tags ?? []);
    const saved = await tx.manager.save(
      tx.manager.create(TraceEntity, {
        title: trace.title,
        context_text: trace.context_text,
        solution_text: trace.solution_text,
        tags: trace.tags ?? [],
        metadata: trace.metadata_json ?? {},
        agent_model: trace.agent_model ?? null,
        agent_version: trace.agent_version ?? null,
        language: typeof given['language'] === 'string' ? given['language'] : detected.language,
        framework: typeof given['framework'] === 'string' ? given['framework'] : detected.framework,
        contributor_id: contributorId,
        content_hash: hash,
        status: 'pending',
      }),
    );
    await writeErrorSignatures(tx.manager, saved.id, traceSignatureText(saved));
    await tx.emit(TraceCreated.contract, {
      trace_id: saved.id,
      contributor_id: contributorId,
      content_hash: hash,
      version: saved.version,
      // The vector of the duplicate check, of exactly this text: the embedding service stores it instead of embedding again.
      ...(embedded ? { embedding: { model: embedded.model, float32: packFloat32(embedded.vector) } } : {}),
    });
    await indexTracesLexically(tx.manager, [saved], { fresh: true });
    return saved;
  }
}
