import { TraceStanding, TrustLabel, TrustSummary, VerificationOutcome } from '@commontrace/contracts';
import { EnvironmentFacts } from './environment';
import { baseWeight, decayFactor, HALF_LIFE_DAYS, WeighedSignal } from './weights';
import { wilsonLowerBound } from './wilson';

/** Below this evidence (an established agent's vote weighs 1) the summary says "not enough evidence". */
export const MIN_EVIDENCE = 1;
/** Buried (left out of default search) when the Wilson lower bound of the NEGATIVE share reaches this. */
export const BURY_NEGATIVE_SHARE = 0.5;
/** At most this many environments in a summary. */
export const MAX_SUMMARY_ENVIRONMENTS = 10;

/** One counted vote or verification of a trace. */
export interface TraceSignal extends WeighedSignal {
  id: string;
  accountId: string;
  /** When it was cast or last changed. */
  at: Date;
  feedbackTag?: string | null;
  traceVersion?: number;
  environment?: EnvironmentFacts | null;
}

/** A signal with its independence group and its effective weight (after decay and grouping). */
export interface ScoredSignal extends TraceSignal {
  group: string;
  weight: number;
}

export interface TrustOptions {
  now: Date;
  minEvidence?: number;
  halfLifeDays?: number;
  buryNegativeShare?: number;
}

const isWorked = (o?: VerificationOutcome | null) => o === 'worked_as_written' || o === 'worked_with_changes';

/** The last counted verification that worked, or null. */
export function lastVerifiedAt(signals: TraceSignal[]): Date | null {
  const times = signals.filter((s) => s.kind === 'verification' && isWorked(s.outcome)).map((s) => s.at.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Each signal's effective weight. Its base weight (weights.ts) decays with the age of the evidence:
 * from when it was cast, or from the last verification that worked, whichever is later (a trace
 * shown to work today is fresh). Then signals of one independence group share ONE weight, that of
 * the group's heaviest member, in proportion to their own weights: a group counts as one agent,
 * and its direction is the weighted mean of its members'.
 */
export function weighSignals(signals: TraceSignal[], groups: ReadonlyMap<string, string>, options: TrustOptions): ScoredSignal[] {
  const fresh = lastVerifiedAt(signals)?.getTime() ?? 0;
  const raw = signals.map((s) => {
    const age = options.now.getTime() - Math.max(s.at.getTime(), fresh);
    return { s, group: groups.get(s.accountId) ?? s.accountId, w: baseWeight(s) * decayFactor(age, options.halfLifeDays ?? HALF_LIFE_DAYS) };
  });
  const byGroup = new Map<string, { max: number; sum: number }>();
  for (const r of raw) {
    const g = byGroup.get(r.group) ?? { max: 0, sum: 0 };
    byGroup.set(r.group, { max: Math.max(g.max, r.w), sum: g.sum + r.w });
  }
  return raw.map(({ s, group, w }) => {
    const g = byGroup.get(group) as { max: number; sum: number };
    return { ...s, group, weight: g.sum > 0 ? (g.max * w) / g.sum : 0 };
  });
}

/** Independent groups for or against, unweighted (a group's sign is its members' mean direction): the input of domain reputation. */
export function groupTallies(scored: Pick<ScoredSignal, 'group' | 'direction'>[]): { up: number; down: number } {
  const sums = new Map<string, number>();
  for (const s of scored) sums.set(s.group, (sums.get(s.group) ?? 0) + s.direction);
  const values = [...sums.values()];
  return { up: values.filter((v) => v > 0).length, down: values.filter((v) => v < 0).length };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** The trust summary of a trace from its scored signals and the standing they earn. */
export function summarizeTrust(scored: ScoredSignal[], standing: TraceStanding, options: TrustOptions): TrustSummary {
  const sum = (pick: (s: ScoredSignal) => boolean) => scored.filter(pick).reduce((a, s) => a + s.weight, 0);
  const positive = sum((s) => s.direction > 0);
  const negative = sum((s) => s.direction < 0);
  const evidence = positive + negative;
  const enough = evidence > 0 && evidence + 1e-9 >= (options.minEvidence ?? MIN_EVIDENCE);
  const votes = scored.filter((s) => s.kind === 'vote');
  const verifications = scored.filter((s) => s.kind === 'verification');
  const byOutcome = (o: VerificationOutcome) => verifications.filter((s) => s.outcome === o);
  const last = lastVerifiedAt(scored);
  const environments: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const s of [...verifications].filter((v) => isWorked(v.outcome) && v.environment).sort((a, b) => b.at.getTime() - a.at.getTime())) {
    const key = JSON.stringify(s.environment);
    if (seen.has(key) || environments.length >= MAX_SUMMARY_ENVIRONMENTS) continue;
    seen.add(key);
    environments.push(s.environment as Record<string, unknown>);
  }
  const label: TrustLabel =
    standing === 'disputed' || standing === 'stale'
      ? standing
      : verifications.some((v) => isWorked(v.outcome)) && sum((s) => s.kind === 'verification' && s.direction > 0) > sum((s) => s.kind === 'verification' && s.direction < 0)
        ? 'verified'
        : 'unverified';
  return {
    score: enough ? round(wilsonLowerBound(positive, negative)) : null,
    not_enough_evidence: !enough,
    label,
    buried: enough && wilsonLowerBound(negative, positive) >= (options.buryNegativeShare ?? BURY_NEGATIVE_SHARE),
    evidence: round(evidence),
    positive: round(positive),
    negative: round(negative),
    independent_agents: new Set(scored.map((s) => s.group)).size,
    up: votes.filter((s) => s.direction > 0).length,
    down: votes.filter((s) => s.direction < 0).length,
    weighted_up: round(sum((s) => s.kind === 'vote' && s.direction > 0)),
    weighted_down: round(sum((s) => s.kind === 'vote' && s.direction < 0)),
    verifications: {
      worked_as_written: byOutcome('worked_as_written').length,
      worked_with_changes: byOutcome('worked_with_changes').length,
      did_not_work: byOutcome('did_not_work').length,
    },
    weighted_verifications: {
      worked_as_written: round(byOutcome('worked_as_written').reduce((a, s) => a + s.weight, 0)),
      worked_with_changes: round(byOutcome('worked_with_changes').reduce((a, s) => a + s.weight, 0)),
      did_not_work: round(byOutcome('did_not_work').reduce((a, s) => a + s.weight, 0)),
    },
    last_verified_at: last?.toISOString() ?? null,
    environments,
  };
}

/** The summary of a trace nobody has voted on or verified yet. */
export function emptyTrustSummary(): TrustSummary {
  return summarizeTrust([], 'pending', { now: new Date(0) });
}
