/**
 * Ranking quality of one query, from its ranked list of ids and its judgements (grade per id;
 * a grade above 0 is relevant). Standard definitions, averaged over queries by the caller:
 * - AP: the mean, over every relevant id (found or not), of the precision at its rank; MAP is its mean.
 * - RR: 1 / the rank of the first relevant id, 0 when none is in the list; MRR is its mean.
 * - P@k: relevant ids among the first k, divided by k (so a query with one relevant id scores at most 1/k).
 * - nDCG@10: DCG with gain 2^grade − 1 and discount log2(rank + 1), over the ideal DCG of the judgements.
 */
export type Grades = ReadonlyMap<string, number>;

export interface QueryScores {
  ap: number;
  rr: number;
  p1: number;
  p5: number;
  ndcg10: number;
}

export const METRICS: readonly { key: keyof QueryScores; label: string }[] = [
  { key: 'ap', label: 'MAP' },
  { key: 'rr', label: 'MRR' },
  { key: 'p1', label: 'P@1' },
  { key: 'p5', label: 'P@5' },
  { key: 'ndcg10', label: 'nDCG@10' },
];

const relevant = (grades: Grades, id: string) => (grades.get(id) ?? 0) > 0;

export function averagePrecision(ranking: readonly string[], grades: Grades): number {
  const total = [...grades.values()].filter((g) => g > 0).length;
  if (total === 0) return 0;
  let found = 0;
  let sum = 0;
  ranking.forEach((id, i) => {
    if (relevant(grades, id)) {
      found += 1;
      sum += found / (i + 1);
    }
  });
  return sum / total;
}

export function reciprocalRank(ranking: readonly string[], grades: Grades): number {
  const i = ranking.findIndex((id) => relevant(grades, id));
  return i < 0 ? 0 : 1 / (i + 1);
}

export function precisionAt(k: number, ranking: readonly string[], grades: Grades): number {
  return ranking.slice(0, k).filter((id) => relevant(grades, id)).length / k;
}

export function ndcgAt(k: number, ranking: readonly string[], grades: Grades): number {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...grades.values()].filter((g) => g > 0).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranking.map((id) => grades.get(id) ?? 0)) / ideal;
}

export function scoreQuery(ranking: readonly string[], grades: Grades): QueryScores {
  // An id listed twice counts once, at its first rank.
  const unique = [...new Set(ranking)];
  return {
    ap: averagePrecision(unique, grades),
    rr: reciprocalRank(unique, grades),
    p1: precisionAt(1, unique, grades),
    p5: precisionAt(5, unique, grades),
    ndcg10: ndcgAt(10, unique, grades),
  };
}

export function meanScores(all: readonly QueryScores[]): QueryScores {
  const mean = (key: keyof QueryScores) => (all.length ? all.reduce((sum, s) => sum + s[key], 0) / all.length : 0);
  return { ap: mean('ap'), rr: mean('rr'), p1: mean('p1'), p5: mean('p5'), ndcg10: mean('ndcg10') };
}
