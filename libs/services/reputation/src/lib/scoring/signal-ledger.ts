import { Injectable } from '@nestjs/common';
import { independentGroups } from '@commontrace/domain-reputation';
import { Transaction } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { Ledger, LedgerEntry, POINTS } from '../ledger/ledger';
import { accountFacts, burstWindowMs } from './independence-facts';
import { contributorCounts, lockReputation, signerSignals, signerSpread, SignalRow, TraceContext, traceContext } from './signal-queries';

/** Points do not decide freshness in the ledger (that would let a ring bootstrap itself): any threshold is met. */
const NO_POINTS_LIMIT = Number.POSITIVE_INFINITY;

/**
 * The points a trace's votes and verifications give its contributor: an up vote +10, a down vote
 * −2, a counted verification that worked +5 (`vote:<id>`, `verification:<id>` entries). An entry
 * is 0 (removed) when the signer is in the contributor's independence group on that trace (same
 * origin, created_by, or a burst of young accounts, chained through the trace's other signers;
 * here an account is fresh by age alone), and when ALL the signer's signals go to this one
 * contributor. Entries are computed under the contributor's reputation row lock, from committed
 * rows, so concurrent writes on one trace or by one signer settle to the same entries.
 */
@Injectable()
export class SignalLedger {
  constructor(
    private readonly ledger: Ledger,
    private readonly env: AppEnv,
  ) {}

  /** Sets the entries of every signal on a trace (or only those of one signer). */
  async settleTrace(tx: Transaction, traceId: string, options: { onlySigner?: string; context?: TraceContext } = {}): Promise<void> {
    const m = tx.manager;
    const onlySigner = options.onlySigner;
    // Read under the contributor's lock: a context read before it (by the scorer, in this
    // transaction) is still current, because every writer of this trace's signals holds the
    // trace's score lock, which this transaction holds.
    let context: TraceContext | null | undefined = options.context;
    if (!context) {
      const [owner] = await m.query(`SELECT contributor_id FROM traces WHERE id = $1`, [traceId]);
      if (!owner) return;
      await lockReputation(m, [owner.contributor_id]);
      context = await traceContext(m, traceId);
      if (!context) return;
    }
    const { trace, rows, accounts } = context;
    if (options.context) await lockReputation(m, [trace.contributor_id]);
    if (!rows.length) return;
    const firstAt = new Map<string, Date>();
    for (const r of rows) if (!firstAt.has(r.account_id) || new Date(r.first_at) < (firstAt.get(r.account_id) as Date)) firstAt.set(r.account_id, new Date(r.first_at));
    const facts = [...accounts.values()].map((a) =>
      accountFacts({ ...a, points: 0 }, a.id === trace.contributor_id && !firstAt.has(a.id) ? trace.created_at : (firstAt.get(a.id) ?? new Date()), this.freshByAge()),
    );
    const groups = independentGroups(facts, burstWindowMs(this.env));
    const counts = await contributorCounts(m, onlySigner ? [onlySigner] : [...firstAt.keys()]);
    const entries = rows.filter((r) => !onlySigner || r.account_id === onlySigner).map((r) => {
      const linked = groups.get(r.account_id) === groups.get(trace.contributor_id);
      return this.entry(r, trace.contributor_id, trace.id, linked || (counts.get(r.account_id) ?? 0) < 2);
    });
    await this.ledger.set(tx, await this.changed(tx, trace.contributor_id, entries));
  }

  /** The entries that differ from the ledger (a removal only where there is something to remove): the rest need no write. */
  private async changed(tx: Transaction, accountId: string, entries: LedgerEntry[]): Promise<LedgerEntry[]> {
    const rows: { source_key: string; delta: number; reason: string }[] = await tx.manager.query(
      `SELECT source_key, delta, reason FROM reputation_events WHERE account_id = $1 AND source_key = ANY($2::text[])`,
      [accountId, entries.map((e) => e.sourceKey)],
    );
    const stored = new Map(rows.map((r) => [r.source_key, r]));
    return entries.filter((e) => {
      const s = stored.get(e.sourceKey);
      return s ? Number(s.delta) !== e.delta || s.reason !== e.reason : e.delta !== 0;
    });
  }

  /**
   * After a signer's signal on `traceId`: whether all its signals go to one contributor changes
   * when this is its first signal to a second contributor, so then the signer's entries on its
   * other traces are set again (under a per-signer lock, so two of its signals at once see each
   * other; a signer's signals are never removed, so the answer changes only this once).
   */
  async settleSigner(tx: Transaction, signerId: string, traceId: string, contributorId: string): Promise<void> {
    const m = tx.manager;
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('signer:' || $1, 0))`, [signerId]);
    const spread = await signerSpread(m, signerId, contributorId, traceId);
    if (spread.contributors !== 2 || spread.othersHere > 0) return;
    const signals = await signerSignals(m, signerId);
    await lockReputation(m, [...new Set(signals.map((s) => s.contributor_id))]);
    for (const other of [...new Set(signals.map((s) => s.trace_id))].sort()) {
      if (other !== traceId) await this.settleTrace(tx, other, { onlySigner: signerId });
    }
  }

  private freshByAge(): AppEnv {
    return { ...this.env, PRIVILEGE_FLAG_POINTS: NO_POINTS_LIMIT } as AppEnv;
  }

  private entry(r: SignalRow, contributorId: string, traceId: string, zero: boolean): LedgerEntry {
    const base = { accountId: contributorId, traceId, sourceKey: `${r.kind}:${r.id}` };
    if (r.kind === 'vote') {
      const up = r.direction > 0;
      return { ...base, reason: up ? 'upvote_received' : 'downvote_received', delta: zero ? 0 : up ? POINTS.upvote_received : POINTS.downvote_received };
    }
    return { ...base, reason: 'verification_received', delta: zero || r.direction < 0 ? 0 : POINTS.verification_received };
  }
}
