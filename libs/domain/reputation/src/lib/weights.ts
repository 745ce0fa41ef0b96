import { VerificationOutcome } from '@commontrace/contracts';
import { signalWeight } from './signal-weight';

/** A counted verification weighs this many votes: it reports use, not reading. */
export const VERIFICATION_WEIGHT = 3;
/** `worked_with_changes` is positive, at this share of `worked_as_written`. */
export const WITH_CHANGES_FACTOR = 0.5;
/** A down vote or failed verification from an environment that does not match the trace's weighs this share. */
export const MISMATCH_FACTOR = 0.5;
/** Age at which a signal weighs half (days); a counted verification that worked makes all evidence fresh again. */
export const HALF_LIFE_DAYS = 365;

export type SignalKind = 'vote' | 'verification';

export interface WeighedSignal {
  kind: SignalKind;
  /** +1 up / worked (with or without changes), -1 down / did_not_work. */
  direction: 1 | -1;
  outcome?: VerificationOutcome | null;
  /** The signer's domain reputation for the trace (domainReputationFor). */
  domainReputation: number;
  /** Whether the signer's environment agrees with the trace's (environmentMatches). */
  environmentMatches: boolean;
}

/** A signer's domain reputation for a trace: the best Wilson score over the trace's tags, 0 without one. */
export function domainReputationFor(tags: readonly string[], wilsonByTag: ReadonlyMap<string, number> | Record<string, number>): number {
  const get = (t: string) => (wilsonByTag instanceof Map ? wilsonByTag.get(t) : (wilsonByTag as Record<string, number>)[t]);
  return Math.max(0, ...tags.map((t) => get(t) ?? 0).filter((w) => Number.isFinite(w)));
}

/** The weight of one signal before decay and grouping: reputation × kind × outcome × environment. */
export function baseWeight(s: WeighedSignal): number {
  let w = signalWeight(s.domainReputation);
  if (s.kind === 'verification') w *= VERIFICATION_WEIGHT;
  if (s.outcome === 'worked_with_changes') w *= WITH_CHANGES_FACTOR;
  if (s.direction < 0 && !s.environmentMatches) w *= MISMATCH_FACTOR;
  return w;
}

/** The share of its weight a signal keeps after `ageMs`: halves every `halfLifeDays`. */
export function decayFactor(ageMs: number, halfLifeDays: number = HALF_LIFE_DAYS): number {
  if (!(ageMs > 0) || !(halfLifeDays > 0)) return 1;
  return Math.pow(0.5, ageMs / (halfLifeDays * 86_400_000));
}
