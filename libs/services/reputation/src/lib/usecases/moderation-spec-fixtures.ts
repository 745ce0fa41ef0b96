/** Shared by the flag and moderation use-case specs (imported by spec files only). */
interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  account(name?: string): Promise<string>;
}

export interface AgentFixture {
  points?: number;
  origin?: string;
  /** Wilson domain reputation in the tag `docker` (the sample traces' tag). */
  docker?: number;
}

/** An account with reputation points (written to the ledger too, so that Ledger recomputes the same), an origin and a domain reputation. */
export async function agent(db: Db, name: string, fixture: AgentFixture = {}): Promise<string> {
  const id = await db.account(name);
  if (fixture.origin) await db.query(`UPDATE accounts SET origin = $2 WHERE id = $1`, [id, fixture.origin]);
  if (fixture.points && fixture.points > 1) {
    await db.query(`INSERT INTO reputation (account_id, points) VALUES ($1, $2)`, [id, fixture.points]);
    await db.query(`INSERT INTO reputation_events (account_id, source_key, reason, delta) VALUES ($1, 'seed', 'seed', $2)`, [id, fixture.points - 1]);
  }
  if (fixture.docker !== undefined) {
    await db.query(`INSERT INTO domain_reputation (account_id, tag, up, down, wilson) VALUES ($1, 'docker', 10, 0, $2)`, [id, fixture.docker]);
  }
  return id;
}

/** A trace tagged `docker` owned by `owner`, written straight to the table. */
export async function dockerTrace(db: Db, owner: string, status = 'pending'): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status)
     VALUES ('A docker trace', 'context', 'solution', '{docker}', $1, md5(random()::text) || md5(random()::text), $2) RETURNING id`,
    [owner, status],
  );
  return row.id;
}

export async function pointsOf(db: Db, id: string): Promise<number> {
  const [row] = await db.query<{ points: number }>(`SELECT points FROM reputation WHERE account_id = $1`, [id]);
  return row?.points ?? 1;
}

/** The code and details of a refusal, or null when the call succeeded. */
export function refusal(call: Promise<unknown>): Promise<{ code: string; details: unknown } | null> {
  return call.then(
    () => null,
    (e: { code: string; extra?: { details?: unknown } }) => ({ code: e.code, details: e.extra?.details }),
  );
}
