import { Injectable } from '@nestjs/common';
import { sameActor } from '@commontrace/domain-reputation';
import { Transaction } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { Ledger, LedgerEntry, POINTS } from '../ledger/ledger';
import { accountFacts, burstWindowMs } from './independence-facts';
import { accountRows, signerSignals, SignerSignalRow } from './signal-queries';

/**
 * The points a signer's votes and verifications give the traces' contributors: an up vote +10, a
 * down vote −2, a counted verification that worked +5 (`vote:<id>`, `verification:<id>` entries).
 * An entry is 0 (removed) when the signer and the contributor are one actor by themselves (same
 * origin, created_by, or both fresh and registered in one burst: sameActor), and when ALL the
 * signer's signals go to one contributor (an account that only ever boosts one agent earns it
 * nothing). The second rule changes with the signer's next contributor, so while a signer has
 * signalled at most two contributors every one of its entries is recomputed.
 */
@Injectable()
export class SignalLedger {
  constructor(
    private readonly ledger: Ledger,
    private readonly env: AppEnv,
  ) {}

  async settle(tx: Transaction, signerId: string, onlyTrace?: string): Promise<void> {
    const signals = await signerSignals(tx.manager, signerId);
    const contributors = new Set(signals.map((s) => s.contributor_id));
    const scope = onlyTrace && contributors.size > 2 ? signals.filter((s) => s.trace_id === onlyTrace) : signals;
    if (!scope.length) return;
    const accounts = await accountRows(tx.manager, [signerId, ...new Set(scope.map((s) => s.contributor_id))]);
    const signer = accounts.get(signerId);
    if (!signer) return;
    const entries: LedgerEntry[] = scope.map((s) => {
      const contributor = accounts.get(s.contributor_id);
      const linked =
        !contributor ||
        sameActor(accountFacts(signer, s.first_at, this.env), accountFacts(contributor, s.trace_created_at, this.env), burstWindowMs(this.env));
      return this.entry(s, contributors.size < 2 || linked ? 0 : undefined);
    });
    await this.ledger.set(tx, entries);
  }

  private entry(s: SignerSignalRow, override?: number): LedgerEntry {
    const base = { accountId: s.contributor_id, traceId: s.trace_id, sourceKey: `${s.kind}:${s.id}` };
    if (s.kind === 'vote') {
      const up = s.direction > 0;
      return { ...base, reason: up ? 'upvote_received' : 'downvote_received', delta: override ?? (up ? POINTS.upvote_received : POINTS.downvote_received) };
    }
    return { ...base, reason: 'verification_received', delta: override ?? (s.direction > 0 ? POINTS.verification_received : 0) };
  }
}
