import { Privilege, PRIVILEGE_THRESHOLDS, PRIVILEGES, ReputationGetReputation } from '@commontrace/contracts';

/** Shared by the ingest use-case specs (imported by spec files only). */
interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface TraceFixture {
  status?: string;
  version?: number;
  /** Length of the solution text (for size limits). */
  solutionChars?: number;
}

/** A trace row owned by `owner`, written straight to the table (no guard, no events). */
export async function insertTrace(db: Db, owner: string, fixture: TraceFixture = {}): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash, status, version)
     VALUES ('Original title', 'Original context', coalesce(repeat('s', $4::int), 'Original solution'),
             $1, md5(random()::text) || md5(random()::text), $2, $3) RETURNING id`,
    [owner, fixture.status ?? 'pending', fixture.version ?? 1, fixture.solutionChars ?? null],
  );
  return row.id;
}

/**
 * The reputation service's answer, with the points each agent has (1, the floor, for the others)
 * and the thresholds it is configured with (the defaults unless given).
 */
export function reputationWith(points: Map<string, number>, thresholds: Record<Privilege, number> = { ...PRIVILEGE_THRESHOLDS }) {
  return ({ contributor_id }: ReputationGetReputation.GetReputationRequest): ReputationGetReputation.GetReputationReply => {
    const p = points.get(contributor_id) ?? 1;
    return {
      user_id: contributor_id,
      overall_wilson_score: 0,
      domains: [],
      domains_total: 0,
      contributor_id,
      points: p,
      privileges: PRIVILEGES.filter((name) => p >= thresholds[name]),
      thresholds,
      traces_contributed: 0,
    };
  };
}

/** The code and details of a refusal, or null when the call succeeded. */
export function refusal(call: Promise<unknown>): Promise<{ code: string; details: unknown } | null> {
  return call.then(
    () => null,
    (e: { code: string; extra?: { details?: unknown } }) => ({ code: e.code, details: e.extra?.details }),
  );
}
