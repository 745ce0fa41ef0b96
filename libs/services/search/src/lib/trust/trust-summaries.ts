import { TrustSummary } from '@commontrace/contracts';
import { emptyTrustSummary } from '@commontrace/domain-reputation';
import { EntityManager } from 'typeorm';

/**
 * The trust summaries of these traces, as the reputation service stored them in `trace_scores`
 * (search reads it; reputation owns it). A trace without a score is `unverified`, not enough evidence.
 */
export async function trustSummaries(m: EntityManager, ids: string[]): Promise<Map<string, TrustSummary>> {
  const rows: { trace_id: string; summary: TrustSummary | null }[] = ids.length
    ? await m.query(`SELECT trace_id, summary FROM trace_scores WHERE trace_id = ANY($1::uuid[])`, [ids])
    : [];
  const found = new Map(rows.filter((r) => r.summary).map((r) => [r.trace_id, r.summary as TrustSummary]));
  return new Map(ids.map((id) => [id, found.get(id) ?? emptyTrustSummary()]));
}

/** What the owner may turn into an amendment: the changes verifiers reported with `worked_with_changes`, newest first. */
export async function suggestedChanges(m: EntityManager, traceId: string, limit = 10) {
  const rows: { id: string; changes: string; environment: Record<string, unknown>; updated_at: Date }[] = await m.query(
    `SELECT id, changes, environment, updated_at FROM verifications
      WHERE trace_id = $1 AND outcome = 'worked_with_changes' AND changes IS NOT NULL
      ORDER BY updated_at DESC, id DESC LIMIT $2`,
    [traceId, limit],
  );
  return rows.map((r) => ({ verification_id: r.id, changes: r.changes, environment: r.environment, created_at: new Date(r.updated_at).toISOString() }));
}
