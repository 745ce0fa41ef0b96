/** A signal from one account (a flag, say), with the origin the account registered from. */
export interface OriginSignal {
  accountId: string;
  /** `accounts.origin`; null when unknown (such an account stands alone). */
  origin: string | null;
  weight: number;
}

/**
 * The signals with accounts that share an origin counted once, by their heaviest member: one
 * signal per origin (and one per account without an origin). Minting accounts from one network
 * adds nothing to the heaviest of them.
 */
export function onePerOrigin<T extends OriginSignal>(signals: T[]): T[] {
  const heaviest = new Map<string, T>();
  for (const s of signals) {
    const key = s.origin === null ? `account:${s.accountId}` : `origin:${s.origin}`;
    const current = heaviest.get(key);
    if (!current || s.weight > current.weight) heaviest.set(key, s);
  }
  return [...heaviest.values()];
}

/** The total weight of the signals, accounts of one origin counting once (their heaviest member). */
export function weightByOrigin(signals: OriginSignal[]): number {
  return onePerOrigin(signals).reduce((sum, s) => sum + s.weight, 0);
}
