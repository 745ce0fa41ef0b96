import { DEFAULT_RANKING_WEIGHTS, RankingWeights } from './ranking-weights';
import { RankedResult, RankingCandidate } from './rerank';

/** Similarity of two results in [0, 1]. */
export type Similarity<C extends RankingCandidate> = (a: C, b: C) => number;

/** Title terms longer than this are ignored, and at most this many are read (bounded work). */
const MAX_TERM = 40;
const MAX_TERMS = 64;

/** The tags and lowercased title words (letters and digits, 3+ long) of a candidate. */
export function descriptorTerms(c: Pick<RankingCandidate, 'tags' | 'title'>): Set<string> {
  const terms = new Set<string>();
  for (const t of c.tags ?? []) if (typeof t === 'string') terms.add(`tag:${t.toLowerCase()}`);
  const words = (c.title ?? '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  for (const w of words.slice(0, MAX_TERMS)) if (w.length >= 3 && w.length <= MAX_TERM) terms.add(w);
  return terms;
}

/** Jaccard similarity of the two candidates' tags and title terms: the default for diversity. */
const termsOf = new WeakMap<object, Set<string>>();
function cachedTerms(c: Pick<RankingCandidate, 'tags' | 'title'>): Set<string> {
  let terms = termsOf.get(c);
  if (!terms) termsOf.set(c, (terms = descriptorTerms(c)));
  return terms;
}

export function tagTitleJaccard(a: Pick<RankingCandidate, 'tags' | 'title'>, b: Pick<RankingCandidate, 'tags' | 'title'>): number {
  const x = cachedTerms(a);
  const y = cachedTerms(b);
  if (!x.size && !y.size) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

/**
 * Maximal marginal relevance over the first places: from the `pool` best-scored results, the
 * `top` places are filled one at a time by the result maximizing
 *   λ × score / best score − (1 − λ) × max similarity to the places already filled
 * (ties by score order). The first place stays the best-scored result. Everything else keeps
 * score order below them. Similarities are clamped to [0, 1].
 */
export function diversify<C extends RankingCandidate>(
  ranked: readonly RankedResult<C>[],
  similarity: Similarity<C> = tagTitleJaccard,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): RankedResult<C>[] {
  const { lambda, top, pool: poolSize } = weights.diversity;
  const places = Math.max(0, Math.min(top, ranked.length));
  if (places < 2) return [...ranked];
  const pool = ranked.slice(0, Math.max(places, poolSize));
  const best = Math.max(...pool.map((r) => r.score));
  const norm = (s: number) => (best > 0 ? s / best : 0);
  // Each pair is compared at most once (the redundancy of a result only grows as places fill).
  const redundancy = new Map<RankedResult<C>, number>();
  const sim = (a: C, b: C) => {
    const s = similarity(a, b);
    return Number.isFinite(s) ? Math.min(1, Math.max(0, s)) : 0;
  };
  const chosen: RankedResult<C>[] = [pool[0]];
  const left = pool.slice(1);
  while (chosen.length < places && left.length) {
    const last = chosen[chosen.length - 1];
    let pick = 0;
    let pickValue = -Infinity;
    left.forEach((r, i) => {
      const worst = Math.max(redundancy.get(r) ?? 0, sim(r.candidate, last.candidate));
      redundancy.set(r, worst);
      const value = lambda * norm(r.score) - (1 - lambda) * worst;
      if (value > pickValue) {
        pick = i;
        pickValue = value;
      }
    });
    chosen.push(...left.splice(pick, 1));
  }
  const chosenIds = new Set(chosen);
  return [...chosen, ...ranked.filter((r) => !chosenIds.has(r))];
}
