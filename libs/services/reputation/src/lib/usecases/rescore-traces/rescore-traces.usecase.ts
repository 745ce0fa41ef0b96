import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { TraceScorer } from '../../scoring/trace-scorer';

export interface RescoreResult {
  rescored: number;
}

/**
 * Recomputes the trust of traces whose score is older than TRUST_RESCORE_AFTER_MS (decay moves
 * it, and with it the standing), oldest first, up to `limit`. Each trace is taken in its own
 * transaction with `FOR UPDATE SKIP LOCKED`, so two sweeps (two replicas) never score the same
 * trace at once, and a trace just scored is no longer old: running it twice changes nothing
 * more, and a standing change is emitted once.
 */
@Injectable()
export class RescoreTracesUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly scorer: TraceScorer,
    private readonly env: AppEnv,
  ) {}

  async execute(options: { limit?: number; olderThanMs?: number; now?: Date } = {}): Promise<RescoreResult> {
    const limit = options.limit ?? this.env.TRUST_SWEEP_BATCH;
    const olderThanMs = options.olderThanMs ?? this.env.TRUST_RESCORE_AFTER_MS;
    let rescored = 0;
    while (rescored < limit) {
      const done = await this.uow.run(async (tx) => {
        const [row] = await tx.manager.query(
          `SELECT trace_id FROM trace_scores WHERE updated_at < now() - make_interval(secs => $1::double precision / 1000)
            ORDER BY updated_at, trace_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [olderThanMs],
        );
        if (!row) return false;
        await this.scorer.rescore(tx, row.trace_id, { now: options.now });
        return true;
      });
      if (!done) break;
      rescored += 1;
    }
    return { rescored };
  }
}
