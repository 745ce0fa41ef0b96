/** The usual RRF constant: it damps the advantage of the very top ranks. */
export const RRF_K = 60;

export interface FusedItem {
  id: string;
  score: number;
  /** 1-based rank in each input list, or null when the list did not contain the item. */
  ranks: (number | null)[];
}

/**
 * Reciprocal rank fusion: each list contributes 1 / (k + rank) for every item it holds.
 * Items found by several retrievers rise; ties keep the order of first appearance.
 */
export function reciprocalRankFusion(lists: string[][], k = RRF_K): FusedItem[] {
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
      item.score += 1 / (k + position + 1);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
