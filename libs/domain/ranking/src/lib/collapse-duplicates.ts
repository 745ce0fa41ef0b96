import { RankedResult, RankingCandidate } from './rerank';

/**
 * Collapses near-duplicates: of the results that share a group key (the candidate's
 * `duplicate_group` unless `groupOf` says otherwise), only the best-ranked stays, in its place,
 * with `stands_for` counting every trace it represents and `collapsed_ids` naming the others.
 * Results without a key stand for themselves. The input must be in rank order.
 */
export function collapseDuplicates<C extends RankingCandidate>(
  ranked: readonly RankedResult<C>[],
  groupOf: (r: RankedResult<C>) => string | null | undefined = (r) => r.candidate.duplicate_group,
): RankedResult<C>[] {
  const kept = new Map<string, RankedResult<C>>();
  const out: RankedResult<C>[] = [];
  for (const r of ranked) {
    const key = groupOf(r);
    const leader = key ? kept.get(key) : undefined;
    if (leader) {
      leader.stands_for += r.stands_for;
      leader.collapsed_ids.push(r.id, ...r.collapsed_ids);
      continue;
    }
    const copy = { ...r, collapsed_ids: [...r.collapsed_ids] };
    if (key) kept.set(key, copy);
    out.push(copy);
  }
  return out;
}
