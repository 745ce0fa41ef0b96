import { EntityManager } from 'typeorm';

/** What scoring reads of a trace (owned by ingest). */
export interface TraceFacts {
  id: string;
  contributor_id: string;
  tags: string[];
  language: string | null;
  framework: string | null;
  metadata: Record<string, unknown>;
  version: number;
  created_at: Date;
}

/** An account as independence needs it. */
export interface AccountRow {
  id: string;
  origin: string | null;
  created_by: string | null;
  created_at: Date;
  points: number;
}

/** One counted vote or verification of a trace, with its signer and the signer's domain reputation over the trace's tags. */
export interface SignalRow {
  kind: 'vote' | 'verification';
  id: string;
  account_id: string;
  direction: number;
  outcome: string | null;
  feedback_tag: string | null;
  environment: Record<string, unknown> | null;
  trace_version: number | null;
  first_at: Date;
  at: Date;
  domain_rep: number;
  /** The signer's account. */
  origin: string | null;
  created_by: string | null;
  account_created_at: Date;
  points: number;
}

/** A trace with its contributor's account and every counted signal with its signer's account: what scoring and the ledger read. */
export interface TraceContext {
  trace: TraceFacts;
  rows: SignalRow[];
  /** The contributor's and every signer's account. */
  accounts: Map<string, AccountRow>;
}

export async function traceContext(m: EntityManager, traceId: string): Promise<TraceContext | null> {
  const [row] = await m.query(
    `SELECT t.id, t.contributor_id, t.tags, t.language, t.framework, t.metadata, t.version, t.created_at,
            a.origin, a.created_by, a.created_at AS account_created_at, COALESCE(r.points, 1) AS points
       FROM traces t JOIN accounts a ON a.id = t.contributor_id LEFT JOIN reputation r ON r.account_id = t.contributor_id
      WHERE t.id = $1`,
    [traceId],
  );
  if (!row) return null;
  const trace: TraceFacts = {
    id: row.id, contributor_id: row.contributor_id, tags: row.tags, language: row.language, framework: row.framework,
    metadata: row.metadata, version: row.version, created_at: row.created_at,
  };
  const rows = await traceSignals(m, trace);
  const accounts = new Map<string, AccountRow>([
    [trace.contributor_id, { id: trace.contributor_id, origin: row.origin, created_by: row.created_by, created_at: row.account_created_at, points: Number(row.points) }],
  ]);
  for (const r of rows) accounts.set(r.account_id, { id: r.account_id, origin: r.origin, created_by: r.created_by, created_at: r.account_created_at, points: r.points });
  return { trace, rows, accounts };
}

/** Every vote and every counted verification of a trace. */
export async function traceSignals(m: EntityManager, trace: TraceFacts): Promise<SignalRow[]> {
  const rep = (who: string) => `COALESCE((SELECT max(d.wilson) FROM domain_reputation d WHERE d.account_id = ${who} AND d.tag = ANY($2::text[])), 0) AS domain_rep`;
  const rows: SignalRow[] = await m.query(
    `SELECT s.*, a.origin, a.created_by, a.created_at AS account_created_at, COALESCE(r.points, 1) AS points FROM (
       SELECT 'vote' AS kind, v.id, v.voter_id AS account_id, v.direction, NULL AS outcome, v.feedback_tag,
              v.voter_context AS environment, NULL::int AS trace_version, v.created_at AS first_at, v.updated_at AS at, ${rep('v.voter_id')}
         FROM votes v WHERE v.trace_id = $1
       UNION ALL
       SELECT 'verification', x.id, x.verifier_id, CASE WHEN x.outcome = 'did_not_work' THEN -1 ELSE 1 END, x.outcome, NULL,
              x.environment, x.trace_version, x.created_at, x.updated_at, ${rep('x.verifier_id')}
         FROM verifications x WHERE x.trace_id = $1 AND x.counted
     ) s JOIN accounts a ON a.id = s.account_id LEFT JOIN reputation r ON r.account_id = s.account_id
     ORDER BY 1, 2`,
    [trace.id, trace.tags],
  );
  return rows.map((r) => ({ ...r, direction: Number(r.direction), domain_rep: Number(r.domain_rep), points: Number(r.points) }));
}

/** A signer's votes and counted verifications on every trace, with each trace's contributor (the ledger's input). */
export interface SignerSignalRow {
  kind: 'vote' | 'verification';
  id: string;
  trace_id: string;
  direction: number;
  outcome: string | null;
  first_at: Date;
  contributor_id: string;
  trace_created_at: Date;
}

export async function signerSignals(m: EntityManager, signerId: string): Promise<SignerSignalRow[]> {
  const rows: SignerSignalRow[] = await m.query(
    `SELECT 'vote' AS kind, v.id, v.trace_id, v.direction, NULL AS outcome, v.created_at AS first_at, t.contributor_id, t.created_at AS trace_created_at
       FROM votes v JOIN traces t ON t.id = v.trace_id WHERE v.voter_id = $1
     UNION ALL
     SELECT 'verification', x.id, x.trace_id, CASE WHEN x.outcome = 'did_not_work' THEN -1 ELSE 1 END, x.outcome, x.created_at, t.contributor_id, t.created_at
       FROM verifications x JOIN traces t ON t.id = x.trace_id WHERE x.verifier_id = $1 AND x.counted
     ORDER BY 1, 2`,
    [signerId],
  );
  return rows.map((r) => ({ ...r, direction: Number(r.direction) }));
}

/** How many traces the corpus holds, up to `countUpTo` (a young corpus validates with fewer verifications). */
export async function corpusSize(m: EntityManager, countUpTo: number): Promise<number> {
  // Counted up to the bound only: the answer decides "is the corpus young", and a vote's work stays bounded at any corpus size.
  const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM traces LIMIT $1) t`, [countUpTo]);
  return Number(n);
}

/** How many distinct contributors each signer's votes and counted verifications go to. */
export async function contributorCounts(m: EntityManager, signers: string[]): Promise<Map<string, number>> {
  const rows: { signer: string; n: number }[] = await m.query(
    `SELECT signer, count(DISTINCT contributor_id)::int AS n FROM (
       SELECT v.voter_id AS signer, t.contributor_id FROM votes v JOIN traces t ON t.id = v.trace_id WHERE v.voter_id = ANY($1::uuid[])
       UNION ALL
       SELECT x.verifier_id, t.contributor_id FROM verifications x JOIN traces t ON t.id = x.trace_id WHERE x.counted AND x.verifier_id = ANY($1::uuid[])
     ) s GROUP BY signer`,
    [signers],
  );
  return new Map(rows.map((r) => [r.signer, Number(r.n)]));
}

/** Locks these accounts' reputation rows (creating them), in id order: the ledger's mutex per contributor. */
export async function lockReputation(m: EntityManager, accountIds: string[]): Promise<void> {
  const ids = [...new Set(accountIds)].sort();
  if (!ids.length) return;
  // An upsert locks each row, in the order given.
  await m.query(
    `INSERT INTO reputation (account_id, points) SELECT unnest($1::uuid[]), 1 ON CONFLICT (account_id) DO UPDATE SET points = reputation.points`,
    [ids],
  );
}

/** How many contributors a signer's signals go to, and how many of its signals go to `contributorId` on traces other than `traceId`. */
export async function signerSpread(m: EntityManager, signerId: string, contributorId: string, traceId: string): Promise<{ contributors: number; othersHere: number }> {
  const [row] = await m.query(
    `SELECT count(DISTINCT contributor_id)::int AS contributors, count(*) FILTER (WHERE contributor_id = $2 AND trace_id <> $3)::int AS others_here FROM (
       SELECT t.contributor_id, v.trace_id FROM votes v JOIN traces t ON t.id = v.trace_id WHERE v.voter_id = $1
       UNION ALL
       SELECT t.contributor_id, x.trace_id FROM verifications x JOIN traces t ON t.id = x.trace_id WHERE x.counted AND x.verifier_id = $1
     ) s`,
    [signerId, contributorId, traceId],
  );
  return { contributors: Number(row.contributors), othersHere: Number(row.others_here) };
}
