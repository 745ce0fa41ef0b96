import { RankedResult, RankingCandidate } from './rerank';

/**
 * A superseded trace yields to its successor: when both are results and the successor ranks
 * lower, the successor moves up into the superseded trace's place (the results between them,
 * and the superseded one, move down one place) and says whom it `replaces`. With
 * `dropSuperseded`, a superseded trace whose successor is among the results is left out (the
 * old one only on request). The input must be in rank order; chains are followed one link per
 * superseded result, in rank order.
 */
export function promoteSuccessors<C extends RankingCandidate>(
  ranked: readonly RankedResult<C>[],
  options: { dropSuperseded?: boolean } = {},
): RankedResult<C>[] {
  const out = ranked.map((r) => ({ ...r }));
  const superseded = out.filter((r) => r.candidate.status === 'superseded' && r.candidate.superseded_by);
  for (const old of superseded) {
    const at = out.indexOf(old);
    const successorAt = out.findIndex((r) => r.id === old.candidate.superseded_by);
    if (at < 0 || successorAt < 0) continue;
    if (successorAt < at) continue;
    const [successor] = out.splice(successorAt, 1);
    successor.replaces ??= old.id;
    out.splice(at, 0, successor);
  }
  if (!options.dropSuperseded) return out;
  const ids = new Set(out.map((r) => r.id));
  return out.filter((r) => !(r.candidate.status === 'superseded' && r.candidate.superseded_by && ids.has(r.candidate.superseded_by)));
}
