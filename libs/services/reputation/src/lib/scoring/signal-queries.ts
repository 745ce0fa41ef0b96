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
}

export async function traceFacts(m: EntityManager, traceId: string): Promise<TraceFacts | null> {
  const [row] = await m.query(
    `SELECT id, contributor_id, tags, language, framework, metadata, version, created_at FROM traces WHERE id = $1`,
    [traceId],
  );
  return row ?? null;
}

export async function accountRows(m: EntityManager, ids: string[]): Promise<Map<string, AccountRow>> {
  const rows: AccountRow[] = await m.query(
    `SELECT a.id, a.origin, a.created_by, a.created_at, COALESCE(r.points, 1) AS points
       FROM accounts a LEFT JOIN reputation r ON r.account_id = a.id WHERE a.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { ...r, points: Number(r.points) }]));
}

/** Every vote and every counted verification of a trace. */
export async function traceSignals(m: EntityManager, trace: TraceFacts): Promise<SignalRow[]> {
  const rep = (who: string) => `COALESCE((SELECT max(d.wilson) FROM domain_reputation d WHERE d.account_id = ${who} AND d.tag = ANY($2::text[])), 0) AS domain_rep`;
  const rows: SignalRow[] = await m.query(
    `SELECT 'vote' AS kind, v.id, v.voter_id AS account_id, v.direction, NULL AS outcome, v.feedback_tag,
            v.voter_context AS environment, NULL::int AS trace_version, v.created_at AS first_at, v.updated_at AS at, ${rep('v.voter_id')}
       FROM votes v WHERE v.trace_id = $1
     UNION ALL
     SELECT 'verification', x.id, x.verifier_id, CASE WHEN x.outcome = 'did_not_work' THEN -1 ELSE 1 END, x.outcome, NULL,
            x.environment, x.trace_version, x.created_at, x.updated_at, ${rep('x.verifier_id')}
       FROM verifications x WHERE x.trace_id = $1 AND x.counted
     ORDER BY 1, 2`,
    [trace.id, trace.tags],
  );
  return rows.map((r) => ({ ...r, direction: Number(r.direction), domain_rep: Number(r.domain_rep) }));
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

/** How many traces the corpus holds (a young corpus validates with fewer verifications). */
export async function corpusSize(m: EntityManager): Promise<number> {
  const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM traces`);
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
  await m.query(`INSERT INTO reputation (account_id, points) SELECT unnest($1::uuid[]), 1 ON CONFLICT (account_id) DO NOTHING`, [ids]);
  await m.query(`SELECT account_id FROM reputation WHERE account_id = ANY($1::uuid[]) ORDER BY account_id FOR UPDATE`, [ids]);
}
