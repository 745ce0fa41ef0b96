import { FlagCategory } from '@commontrace/contracts';
import { OriginSignal, onePerOrigin, weightByOrigin } from './origin-groups';

export interface FlagSignal extends OriginSignal {
  category: FlagCategory;
}

export interface FlagTally {
  /** The weight that counts toward hiding: every category but `duplicate`, one per origin. */
  hideWeight: number;
  /** The weight of each category, one per origin within it. */
  byCategory: Partial<Record<FlagCategory, number>>;
  /** The category with the most weight (of those that count toward hiding); null without any. */
  leading: FlagCategory | null;
}

/**
 * Sums the open flags of one trace. A `duplicate` flag is a vote to close the trace as a
 * duplicate (it merges, see the moderation service), so it does not count toward hiding it.
 * Ties for the leading category go to the first in the order of FLAG_CATEGORIES given.
 */
export function tallyFlags(flags: FlagSignal[], categoryOrder: readonly FlagCategory[]): FlagTally {
  const byCategory: Partial<Record<FlagCategory, number>> = {};
  for (const category of categoryOrder) {
    const of = flags.filter((f) => f.category === category);
    if (of.length) byCategory[category] = weightByOrigin(of);
  }
  const hiding = flags.filter((f) => f.category !== 'duplicate');
  let leading: FlagCategory | null = null;
  for (const category of categoryOrder) {
    if (category === 'duplicate' || byCategory[category] === undefined) continue;
    if (leading === null || (byCategory[category] ?? 0) > (byCategory[leading] ?? 0)) leading = category;
  }
  return { hideWeight: onePerOrigin(hiding).reduce((s, f) => s + f.weight, 0), byCategory, leading };
}
