import { Injectable } from '@nestjs/common';
import { TraceStanding, TraceStandingChanged, TrustSummary, VerificationOutcome } from '@commontrace/contracts';
import {
  baseWeight,
  decideStanding,
  EnvironmentFacts,
  environmentMatches,
  groupTallies,
  independentGroups,
  summarizeTrust,
  TraceSignal,
  validateAfter,
  weighSignals,
} from '@commontrace/domain-reputation';
import { Transaction } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import { EntityManager } from 'typeorm';
import { DomainReputation } from './domain-reputation';
import { accountFacts, burstWindowMs } from './independence-facts';
import { corpusSize, SignalRow, TraceContext, traceContext, TraceFacts } from './signal-queries';

export interface Rescored {
  trust: TrustSummary;
  standing: TraceStanding;
  /** Each counted signal's weight before grouping and decay, by id. */
  baseWeights: Map<string, number>;
  /** What was read, for the ledger to reuse in the same transaction. */
  context: TraceContext;
}

export interface RescoreOptions {
  now?: Date;
  /** How many traces the corpus holds, when the caller knows (read outside the lock). */
  corpus?: number;
}

/** What a trace says about its own environment: its language, framework and the versions its metadata names. */
function traceEnvironment(t: TraceFacts): EnvironmentFacts {
  const md = t.metadata ?? {};
  const versions = (md['versions'] ?? md['packages']) as Record<string, string> | undefined;
  return { language: t.language ?? undefined, framework: t.framework ?? undefined, versions: versions && typeof versions === 'object' ? versions : undefined };
}

/**
 * Recomputes a trace's trust from all its rows (drift-free), under the lock of its
 * `trace_scores` row, in the caller's transaction: the summary and standing in `trace_scores`,
 * the contributor's domain reputation, and `trace.standing-changed` (source `evidence`) when
 * the standing moved. A hidden standing (moderation) is kept: evidence never unhides.
 * Lock order: trace_scores row, then domain_reputation rows, then (Ledger) reputation rows.
 */
@Injectable()
export class TraceScorer {
  constructor(
    private readonly env: AppEnv,
    private readonly domainReputation: DomainReputation,
  ) {}

  /** Locks the trace's score row, creating it if missing. Returns the standing it holds. */
  /** The corpus size that decides whether it is young, counted no further than TRUST_YOUNG_CORPUS_TRACES. */
  corpusSize(m: EntityManager): Promise<number> {
    return corpusSize(m, this.env.TRUST_YOUNG_CORPUS_TRACES);
  }

  async lock(tx: Transaction, traceId: string): Promise<TraceStanding> {
    // An upsert that changes nothing still locks the row (and creates it when missing).
    const [row] = await tx.manager.query(
      `INSERT INTO trace_scores (trace_id) VALUES ($1) ON CONFLICT (trace_id) DO UPDATE SET trace_id = EXCLUDED.trace_id RETURNING standing`,
      [traceId],
    );
    return row.standing;
  }

  async rescore(tx: Transaction, traceId: string, options: RescoreOptions = {}): Promise<Rescored | null> {
    const now = options.now ?? new Date();
    const before = await this.lock(tx, traceId);
    const m = tx.manager;
    const context = await traceContext(m, traceId);
    if (!context) return null;
    const { trace, rows, accounts } = context;
    const firstAt = new Map<string, Date>();
    for (const r of rows) {
      const prev = firstAt.get(r.account_id);
      if (!prev || new Date(r.first_at) < prev) firstAt.set(r.account_id, new Date(r.first_at));
    }
    const facts = [...accounts.values()].map((a) =>
      accountFacts(a, a.id === trace.contributor_id && !firstAt.has(a.id) ? trace.created_at : (firstAt.get(a.id) ?? now), this.env),
    );
    const groups = independentGroups(facts, burstWindowMs(this.env));
    const env = traceEnvironment(trace);
    const signals = rows.map((r) => this.toSignal(r, env));
    const trustOptions = { now, minEvidence: this.env.TRUST_MIN_EVIDENCE, halfLifeDays: this.env.TRUST_HALF_LIFE_DAYS };
    const scored = weighSignals(signals, groups, trustOptions);
    const n = validateAfter(options.corpus ?? (await this.corpusSize(m)), this.env.TRUST_VALIDATE_AFTER, this.env.TRUST_VALIDATE_AFTER_YOUNG, this.env.TRUST_YOUNG_CORPUS_TRACES);
    const decision = decideStanding(scored, trace.version, n);
    const trust = summarizeTrust(scored, decision.standing, trustOptions);
    const tallies = groupTallies(scored);
    const standing: TraceStanding = before === 'hidden' ? 'hidden' : decision.standing;
    await m.query(
      `UPDATE trace_scores SET weighted_up = $2, weighted_down = $3, worked = $4, worked_with_changes = $5, did_not_work = $6,
              trust = $7, evidence = $8, independent_agents = $9, label = $10, standing = $11, last_verified_at = $12,
              environments = $13, summary = $14, buried = $15, up_groups = $16, down_groups = $17, updated_at = now()
        WHERE trace_id = $1`,
      [
        traceId, trust.weighted_up, trust.weighted_down, trust.weighted_verifications.worked_as_written,
        trust.weighted_verifications.worked_with_changes, trust.weighted_verifications.did_not_work, trust.score ?? 0,
        trust.evidence, trust.independent_agents, trust.label, standing, trust.last_verified_at, JSON.stringify(trust.environments),
        JSON.stringify(trust), trust.buried, tallies.up, tallies.down,
      ],
    );
    await this.domainReputation.refresh(tx, trace.contributor_id, trace.tags);
    if (standing !== before) {
      await tx.emit(TraceStandingChanged.contract, {
        trace_id: traceId,
        standing,
        reason: decision.reason,
        source: 'evidence',
        decided_at: now.toISOString(),
      });
    }
    return { trust, standing, baseWeights: new Map(signals.map((s) => [s.id, baseWeight(s)])), context };
  }

  private toSignal(r: SignalRow, env: EnvironmentFacts): TraceSignal {
    return {
      id: r.id,
      kind: r.kind,
      accountId: r.account_id,
      direction: r.direction > 0 ? 1 : -1,
      outcome: r.outcome as VerificationOutcome | null,
      feedbackTag: r.feedback_tag,
      domainReputation: r.domain_rep,
      environmentMatches: environmentMatches(env, r.environment as EnvironmentFacts | null),
      at: new Date(r.at),
      traceVersion: r.trace_version ?? undefined,
      environment: r.environment as EnvironmentFacts | null,
    };
  }
}
