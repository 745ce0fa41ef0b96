import { AccountFacts, isFresh } from '@commontrace/domain-reputation';
import { AppEnv } from '@commontrace/util-config';
import { AccountRow } from './signal-queries';

/** An account's independence facts, fresh or not as of `at` (when it first signalled on the trace; a contributor: when it contributed). */
export function accountFacts(row: AccountRow, at: Date, env: AppEnv): AccountFacts {
  return {
    id: row.id,
    origin: row.origin,
    created_by: row.created_by,
    created_at: new Date(row.created_at),
    fresh: isFresh(new Date(row.created_at), new Date(at), row.points, env.PRIVILEGE_FLAG_POINTS, env.TRUST_FRESH_ACCOUNT_DAYS),
  };
}

export const burstWindowMs = (env: AppEnv) => env.TRUST_BURST_WINDOW_MINUTES * 60_000;
