import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, FEEDBACK_TAGS, ReputationCastVote, servedOrNotFound, TraceStatus, validationFailed, VOTE_SIGNS, VoteCast } from '@commontrace/contracts';
import { ContentGuard } from '@commontrace/content-guard';
import { UnitOfWork } from '@commontrace/messaging';
import { DataSource } from 'typeorm';
import { SignalLedger } from '../../scoring/signal-ledger';
import { TraceScorer } from '../../scoring/trace-scorer';
import { toVoteView, VoteRow } from './vote-view';

/**
 * One vote per agent and trace, changeable: the row is replaced, and in the same transaction the
 * trace's trust is recomputed from all its rows and the vote's ledger entry is set to what its
 * current state earns, so any number of changes leaves exactly the effect of the last one.
 */
@Injectable()
export class CastVoteUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly guard: ContentGuard,
    private readonly uow: UnitOfWork,
    private readonly scorer: TraceScorer,
    private readonly signalLedger: SignalLedger,
  ) {}

  async execute(request: ReputationCastVote.CastVoteRequest): Promise<ReputationCastVote.CastVoteReply> {
    if (request.vote_type === 'down' && !(FEEDBACK_TAGS as readonly string[]).includes(request.feedback_tag ?? '')) {
      throw validationFailed([{ field: 'feedback_tag', message: `a down vote needs feedback_tag, one of ${FEEDBACK_TAGS.join(', ')}` }]);
    }
    const context = request.voter_context ?? null;
    const { texts, redactions } = await this.guard.screen({
      scan: { feedback_text: request.feedback_text, voter_context: context ? JSON.stringify(context) : undefined },
      redact: { feedback_text: request.feedback_text, voter_context: context },
    });
    const rows: { id: string; status: TraceStatus; contributor_id: string }[] = await this.dataSource.query(
      `SELECT id, status, contributor_id FROM traces WHERE id = $1`,
      [request.trace_id],
    );
    const trace = servedOrNotFound(rows[0], request.trace_id);
    if (trace.contributor_id === request.voter_id) throw new DomainError(ErrorCode.Forbidden, 'You cannot vote on your own trace');

    const corpus = await this.scorer.corpusSize(this.dataSource.manager);
    return this.uow.run(
      async (tx) => {
        await this.scorer.lock(tx, trace.id);
        const [vote]: VoteRow[] = await tx.manager.query(
          `INSERT INTO votes (trace_id, voter_id, direction, feedback_tag, feedback_text, voter_context, weight)
           VALUES ($1, $2, $3, $4, $5, $6, 0)
           ON CONFLICT (trace_id, voter_id) DO UPDATE
             SET direction = EXCLUDED.direction, feedback_tag = EXCLUDED.feedback_tag, feedback_text = EXCLUDED.feedback_text,
                 voter_context = EXCLUDED.voter_context, updated_at = now()
           RETURNING *`,
          [trace.id, request.voter_id, VOTE_SIGNS[request.vote_type], request.feedback_tag ?? null, texts.feedback_text, texts.voter_context ? JSON.stringify(texts.voter_context) : null],
        );
        const scored = await this.scorer.rescore(tx, trace.id, { corpus });
        if (!scored) throw new DomainError(ErrorCode.NotFound, `No trace ${trace.id}`);
        vote.weight = scored.baseWeights.get(vote.id) ?? 0;
        await tx.manager.query(`UPDATE votes SET weight = $2 WHERE id = $1`, [vote.id, vote.weight]);
        await this.signalLedger.settleSigner(tx, request.voter_id, trace.id, trace.contributor_id);
        await this.signalLedger.settleTrace(tx, trace.id, { context: scored.context });
        await tx.emit(VoteCast.contract, {
          vote_id: vote.id,
          trace_id: trace.id,
          voter_id: request.voter_id,
          vote_type: request.vote_type,
          ...(request.feedback_tag ? { feedback_tag: request.feedback_tag } : {}),
          trust: scored.trust.score,
        });
        const view = toVoteView(vote);
        return { ...view, vote: view, trust: scored.trust, ...(redactions.length ? { redactions } : {}) };
      },
      { idempotent: true },
    );
  }
}
