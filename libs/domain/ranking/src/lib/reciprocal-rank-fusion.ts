import { DEFAULT_RANKING_WEIGHTS, RankingWeights } from './ranking-weights';

/** The usual RRF constant: it damps the advantage of the very top ranks (ranking-weights.ts holds the one in use). */
export const RRF_K = DEFAULT_RANKING_WEIGHTS.fusion.k;

export interface FusedItem {
  id: string;
  score: number;
  /** 1-based rank in each input list, or null when the list did not contain the item. */
  ranks: (number | null)[];
}

export interface FusionOptions {
  /** The RRF constant (default RRF_K). */
  k?: number;
  /** One weight per list (default 1 each); a missing, negative or non-finite weight counts as 1. */
  weights?: readonly number[];
}

/**
 * Weighted reciprocal rank fusion: list i contributes weights[i] / (k + rank) for every item it
 * holds (rank 1-based). Items found by several retrievers rise; ties keep the order of first
 * appearance. A number as second argument is the k of unweighted RRF.
 */
export function reciprocalRankFusion(lists: string[][], options: number | FusionOptions = {}): FusedItem[] {
  const { k = RRF_K, weights = [] } = typeof options === 'number' ? { k: options } : options;
  const weightOf = (i: number) => {
    const w = weights[i];
    return typeof w === 'number' && Number.isFinite(w) && w >= 0 ? w : 1;
  };
  const fused = new Map<string, FusedItem>();
  lists.forEach((list, listIndex) => {
    list.forEach((id, position) => {
      let item = fused.get(id);
      if (!item) {
        item = { id, score: 0, ranks: lists.map(() => null) };
        fused.set(id, item);
      }
      if (item.ranks[listIndex] !== null) return;
      item.ranks[listIndex] = position + 1;
      item.score += weightOf(listIndex) / (k + position + 1);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

/**
 * The fusion options for lists named by retriever (`error_signature`, `lexical`, `vector`, `tags`),
 * from the weights; `vectorModel` is the model of the query vector, whose own weight (in
 * `fusion.vectorModels`) replaces the vector list's when it has one.
 */
export function fusionOptionsFor(
  retrievers: readonly string[],
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
  context: { vectorModel?: string | null } = {},
): Required<FusionOptions> {
  const { retrievers: byName, defaultWeight } = weights.fusion;
  return {
    k: weights.fusion.k,
    weights: retrievers.map((r) => (r === 'vector' ? vectorListWeight(context.vectorModel, weights) : (byName[r] ?? defaultWeight))),
  };
}

/**
 * The vector list's weight in fusion for query vectors of this model: the model's own weight in
 * `fusion.vectorModels` when it has one, else the vector retriever's. A weight of 0 means the
 * list cannot move any result, so search does not run it when it fuses.
 */
export function vectorListWeight(vectorModel: string | null | undefined, weights: RankingWeights = DEFAULT_RANKING_WEIGHTS): number {
  const { retrievers: byName, defaultWeight, vectorModels } = weights.fusion;
  const modelWeight = vectorModel ? vectorModels[vectorModel] : undefined;
  return modelWeight ?? byName['vector'] ?? defaultWeight;
}

/** A fused item's ranks by retriever name, for `explain`. */
export function ranksByRetriever(item: Pick<FusedItem, 'ranks'>, retrievers: readonly string[]): Record<string, number | null> {
  return Object.fromEntries(retrievers.map((r, i) => [r, item.ranks[i] ?? null]));
}
