import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, ReputationRecordVerification, servedOrNotFound, TraceStatus, TraceVerified, validationFailed } from '@commontrace/contracts';
import { ContentGuard } from '@commontrace/content-guard';
import { environmentKey, EnvironmentFacts } from '@commontrace/domain-reputation';
import { UnitOfWork } from '@commontrace/messaging';
import { DataSource } from 'typeorm';
import { SignalLedger } from '../../scoring/signal-ledger';
import { TraceScorer } from '../../scoring/trace-scorer';
import { toVerificationView, VerificationRow } from './verification-view';

/**
 * A use-time outcome, one per agent, trace and environment (`environment_key`, the normalized
 * fingerprint): a repeat on the same environment updates it. The trace's own contributor is
 * recorded with `counted = false` and moves nothing. Counted ones are scored like votes, in the
 * same transaction (see CastVoteUseCase).
 */
@Injectable()
export class RecordVerificationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly guard: ContentGuard,
    private readonly uow: UnitOfWork,
    private readonly scorer: TraceScorer,
    private readonly signalLedger: SignalLedger,
  ) {}

  async execute(request: ReputationRecordVerification.RecordVerificationRequest): Promise<ReputationRecordVerification.RecordVerificationReply> {
    if (request.outcome === 'worked_with_changes' && !request.changes) {
      throw validationFailed([{ field: 'changes', message: 'say what had to change for worked_with_changes' }]);
    }
    const fields = { changes: request.changes, error_signature: request.error_signature, environment: request.environment };
    const { texts, redactions } = await this.guard.screen({
      scan: { changes: request.changes, error_signature: request.error_signature, environment: JSON.stringify(request.environment) },
      redact: fields,
    });
    const rows: { id: string; status: TraceStatus; contributor_id: string; version: number }[] = await this.dataSource.query(
      `SELECT id, status, contributor_id, version FROM traces WHERE id = $1`,
      [request.trace_id],
    );
    const trace = servedOrNotFound(rows[0], request.trace_id);
    const counted = trace.contributor_id !== request.verifier_id;
    const environment = texts.environment as Record<string, unknown>;

    const corpus = await this.scorer.corpusSize(this.dataSource.manager);
    return this.uow.run(
      async (tx) => {
        await this.scorer.lock(tx, trace.id);
        const [row]: VerificationRow[] = await tx.manager.query(
          `INSERT INTO verifications (trace_id, verifier_id, outcome, environment, environment_key, changes, error_signature, trace_version, counted, weight)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0)
           ON CONFLICT (trace_id, verifier_id, environment_key) DO UPDATE
             SET outcome = EXCLUDED.outcome, environment = EXCLUDED.environment, changes = EXCLUDED.changes,
                 error_signature = EXCLUDED.error_signature, trace_version = EXCLUDED.trace_version, updated_at = now()
           RETURNING *`,
          [
            trace.id, request.verifier_id, request.outcome, JSON.stringify(environment), environmentKey(environment as EnvironmentFacts),
            texts.changes ?? null, texts.error_signature ?? null, trace.version, counted,
          ],
        );
        const scored = await this.scorer.rescore(tx, trace.id, { corpus });
        if (!scored) throw new DomainError(ErrorCode.NotFound, `No trace ${trace.id}`);
        row.weight = scored.baseWeights.get(row.id) ?? 0;
        await tx.manager.query(`UPDATE verifications SET weight = $2 WHERE id = $1`, [row.id, row.weight]);
        if (counted) {
          await this.signalLedger.settleSigner(tx, request.verifier_id, trace.id, trace.contributor_id);
          await this.signalLedger.settleTrace(tx, trace.id, { context: scored.context });
        }
        await tx.emit(TraceVerified.contract, {
          verification_id: row.id,
          trace_id: trace.id,
          verifier_id: request.verifier_id,
          outcome: request.outcome,
          environment_key: row.environment_key,
          counted,
          trust: scored.trust.score,
        });
        return { verification: toVerificationView(row), trust: scored.trust, ...(redactions.length ? { redactions } : {}) };
      },
      { idempotent: true },
    );
  }
}
