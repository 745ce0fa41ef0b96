import { clampFactor, DEFAULT_RANKING_WEIGHTS, RankingWeights } from './ranking-weights';

const DAY_MS = 86_400_000;

export interface FreshnessInputs {
  tags?: readonly string[] | null;
  language?: string | null;
  framework?: string | null;
  created_at: Date | string;
  updated_at?: Date | string | null;
  /** The last counted verification that worked (the trust summary's `last_verified_at`). */
  last_verified_at?: Date | string | null;
}

export interface FreshnessFactor {
  multiplier: number;
  /** The technology whose half-life applies, or null for the default. */
  technology: string | null;
  half_life_days: number;
  /** When the knowledge was last known good: the latest of created, updated and last verified. */
  reference: string | null;
  age_days: number;
}

const time = (d: Date | string | null | undefined): number | null => {
  if (d === null || d === undefined) return null;
  const t = d instanceof Date ? d.getTime() : Date.parse(d);
  return Number.isFinite(t) ? t : null;
};

/**
 * The half-life of a trace's knowledge: the shortest among the technologies it names (its
 * framework, its language, its tags) that the table knows, since a trace goes stale when its
 * fastest-moving part does; the default when it names none.
 */
export function halfLifeFor(
  trace: Pick<FreshnessInputs, 'tags' | 'language' | 'framework'>,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): { technology: string | null; half_life_days: number } {
  const table = weights.freshness.halfLifeDays;
  let best: { technology: string | null; half_life_days: number } = { technology: null, half_life_days: weights.freshness.defaultHalfLifeDays };
  const names = [trace.framework, trace.language, ...(trace.tags ?? [])];
  for (const raw of names) {
    if (typeof raw !== 'string') continue;
    const name = raw.trim().toLowerCase();
    const days = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
    if (typeof days === 'number' && days > 0 && (best.technology === null || days < best.half_life_days)) best = { technology: name, half_life_days: days };
  }
  return best;
}

/**
 * Exponential decay from when the knowledge was last known good (the latest of created_at,
 * updated_at and the last verification that worked, so a verification resets it):
 *   floor + (1 − floor) × 0.5^(age / half-life)
 * 1 for a trace of today (or dated in the future), never below `floor`.
 */
export function freshnessFactor(trace: FreshnessInputs, now: Date, weights: RankingWeights = DEFAULT_RANKING_WEIGHTS): FreshnessFactor {
  const { technology, half_life_days } = halfLifeFor(trace, weights);
  const times = [time(trace.created_at), time(trace.updated_at), time(trace.last_verified_at)].filter((t): t is number => t !== null);
  const reference = times.length ? Math.max(...times) : null;
  const nowMs = now.getTime();
  const age_days = reference === null || !Number.isFinite(nowMs) ? 0 : Math.max(0, (nowMs - reference) / DAY_MS);
  const { floor } = weights.freshness;
  const decay = Math.pow(0.5, age_days / half_life_days);
  return {
    multiplier: clampFactor(floor + (1 - floor) * decay, floor, 1),
    technology,
    half_life_days,
    reference: reference === null ? null : new Date(reference).toISOString(),
    age_days: Math.round(age_days * 100) / 100,
  };
}
