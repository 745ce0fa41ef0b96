import { FlagCategory } from '@commontrace/contracts';
import { AccountFacts, independentGroups } from './independence';

/** An open flag: its flagger's independence facts, its weight and its category. */
export interface FlagSignal {
  account: AccountFacts;
  weight: number;
  category: FlagCategory;
}

export interface FlagTally {
  /** The weight that counts toward hiding: every category but `duplicate`, one per independent group. */
  hideWeight: number;
  /** The weight of each category, one per independent group within it. */
  byCategory: Partial<Record<FlagCategory, number>>;
  /** The category with the most weight (of those that count toward hiding); null without any. */
  leading: FlagCategory | null;
}

/**
 * The total weight of these flags, the accounts that one actor plausibly controls (the
 * independence rule of votes and verifications, independence.ts) counting once, by their
 * heaviest member: minting accounts adds nothing to the heaviest of them.
 */
export function independentWeight(flags: FlagSignal[], burstWindowMs?: number): number {
  const groups = independentGroups(flags.map((f) => f.account), burstWindowMs);
  const heaviest = new Map<string, number>();
  for (const f of flags) {
    const group = groups.get(f.account.id) as string;
    heaviest.set(group, Math.max(heaviest.get(group) ?? 0, f.weight));
  }
  return [...heaviest.values()].reduce((sum, w) => sum + w, 0);
}

/** How many independent groups these accounts form (duplicate-close votes count this way). */
export function independentCount(accounts: AccountFacts[], burstWindowMs?: number): number {
  return new Set(independentGroups(accounts, burstWindowMs).values()).size;
}

/**
 * Sums the open flags of one trace. A `duplicate` flag is a vote to close the trace as a
 * duplicate (it merges, see the moderation service), so it does not count toward hiding it.
 * Ties for the leading category go to the first in the order of FLAG_CATEGORIES given.
 */
export function tallyFlags(flags: FlagSignal[], categoryOrder: readonly FlagCategory[], burstWindowMs?: number): FlagTally {
  const byCategory: Partial<Record<FlagCategory, number>> = {};
  for (const category of categoryOrder) {
    const of = flags.filter((f) => f.category === category);
    if (of.length) byCategory[category] = independentWeight(of, burstWindowMs);
  }
  let leading: FlagCategory | null = null;
  for (const category of categoryOrder) {
    if (category === 'duplicate' || byCategory[category] === undefined) continue;
    if (leading === null || (byCategory[category] ?? 0) > (byCategory[leading] ?? 0)) leading = category;
  }
  const hideWeight = independentWeight(flags.filter((f) => f.category !== 'duplicate'), burstWindowMs);
  return { hideWeight, byCategory, leading };
}
