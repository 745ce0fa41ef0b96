import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@commontrace/messaging';
import { DataSource } from 'typeorm';
import { Ledger } from '../../ledger/ledger';
import { SignalLedger } from '../../scoring/signal-ledger';
import { TraceScorer } from '../../scoring/trace-scorer';

export interface RebuildResult {
  traces: number;
  removed_entries: number;
  accounts: number;
}

/**
 * Recomputes, from the votes and verifications alone: every trace's vote and verification ledger entry
 * (orphans removed), every account's points, every scored trace's trust and standing, and the
 * domain reputation of their contributors. Traces are scored twice, because a signer's weight
 * reads its domain reputation, which the first pass settles (domain reputation counts groups,
 * not weights, so the second pass changes it no more). Each trace and each signer is its own
 * transaction, under the same locks as a vote. Running it twice gives the same result.
 */
@Injectable()
export class RebuildReputationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly scorer: TraceScorer,
    private readonly signalLedger: SignalLedger,
    private readonly ledger: Ledger,
  ) {}

  async execute(): Promise<RebuildResult> {
    const traces: { id: string }[] = await this.dataSource.query(
      `SELECT trace_id AS id FROM trace_scores UNION SELECT trace_id FROM votes UNION SELECT trace_id FROM verifications ORDER BY 1`,
    );
    for (const t of traces) {
      await this.uow.run(async (tx) => {
        await this.scorer.lock(tx, t.id);
        await this.signalLedger.settleTrace(tx, t.id);
      });
    }

    const orphans: { account_id: string; source_key: string }[] = await this.dataSource.query(
      `SELECT e.account_id, e.source_key FROM reputation_events e
        WHERE (e.source_key LIKE 'vote:%' AND NOT EXISTS (SELECT 1 FROM votes v WHERE 'vote:' || v.id = e.source_key))
           OR (e.source_key LIKE 'verification:%' AND NOT EXISTS (SELECT 1 FROM verifications x WHERE x.counted AND 'verification:' || x.id = e.source_key))`,
    );
    if (orphans.length) {
      await this.uow.run((tx) =>
        this.ledger.set(tx, orphans.map((o) => ({ accountId: o.account_id, sourceKey: o.source_key, reason: 'upvote_received' as const, delta: 0 }))),
      );
    }
    const accounts: { account_id: string }[] = await this.dataSource.query(`SELECT account_id FROM reputation ORDER BY 1`);
    await this.uow.run((tx) => this.ledger.recount(tx, accounts.map((a) => a.account_id)));

    for (let pass = 0; pass < 2; pass++) {
      for (const t of traces) await this.uow.run((tx) => this.scorer.rescore(tx, t.id));
    }
    return { traces: traces.length, removed_entries: orphans.length, accounts: accounts.length };
  }
}
