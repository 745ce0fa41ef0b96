/**
 * Independence of the agents behind a trace's signals. Accounts that one actor plausibly controls
 * count as ONE group, and a group weighs as its heaviest member (see trust-summary.ts). Two
 * accounts are in one group when, directly or through a chain of other accounts of the same trace:
 * - they share an `origin` (registered from the same network), or
 * - one `created_by` the other, or both were `created_by` the same account, or
 * - both are *fresh* and were registered within `burstWindowMs` of each other (chained: a, b, c
 *   registered 40 minutes apart are one group under a one-hour window).
 * An account is fresh when it is younger than FRESH_ACCOUNT_DAYS at the time it signals AND its
 * points are below the flag privilege threshold (the caller decides `fresh`, see isFresh).
 */
export interface AccountFacts {
  id: string;
  origin: string | null;
  created_by: string | null;
  created_at: Date;
  /** Fresh when it signalled (isFresh). */
  fresh: boolean;
}

export const INDEPENDENCE_DEFAULTS = { freshAccountDays: 7, burstWindowMinutes: 60 } as const;

const DAY_MS = 86_400_000;

/** Younger than `freshAccountDays` at `at`, and with fewer points than `pointsBelow`. */
export function isFresh(createdAt: Date, at: Date, points: number, pointsBelow: number, freshAccountDays: number = INDEPENDENCE_DEFAULTS.freshAccountDays): boolean {
  return at.getTime() - createdAt.getTime() < freshAccountDays * DAY_MS && points < pointsBelow;
}

/** The group of every account: the smallest id of its group, so the answer is stable. */
export function independentGroups(accounts: AccountFacts[], burstWindowMs: number = INDEPENDENCE_DEFAULTS.burstWindowMinutes * 60_000): Map<string, string> {
  const unique = [...new Map(accounts.map((a) => [a.id, a])).values()];
  const parent = new Map(unique.map((a) => [a.id, a.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const firstBy = new Map<string, string>();
  const join = (key: string, id: string) => {
    const first = firstBy.get(key);
    if (first) union(first, id);
    else firstBy.set(key, id);
  };
  for (const a of unique) {
    if (a.origin) join(`origin:${a.origin}`, a.id);
    if (a.created_by) {
      join(`creator:${a.created_by}`, a.id);
      if (parent.has(a.created_by)) union(a.created_by, a.id);
    }
  }
  const fresh = unique.filter((a) => a.fresh).sort((x, y) => x.created_at.getTime() - y.created_at.getTime() || (x.id < y.id ? -1 : 1));
  for (let i = 1; i < fresh.length; i++) {
    if (fresh[i].created_at.getTime() - fresh[i - 1].created_at.getTime() <= burstWindowMs) union(fresh[i - 1].id, fresh[i].id);
  }
  return new Map(unique.map((a) => [a.id, find(a.id)]));
}

/** Whether two accounts would be one group by themselves (the ledger's test between a voter and a contributor). */
export function sameActor(a: AccountFacts, b: AccountFacts, burstWindowMs?: number): boolean {
  if (a.id === b.id) return true;
  const groups = independentGroups([a, b], burstWindowMs);
  return groups.get(a.id) === groups.get(b.id);
}
