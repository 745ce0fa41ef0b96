import { Injectable } from '@nestjs/common';
import { wilsonLowerBound } from '@commontrace/domain-reputation';
import { Transaction } from '@commontrace/messaging';

/**
 * A contributor's per-tag track record: `up`/`down` count the independent groups for and against
 * each of its traces carrying the tag (summed from `trace_scores.up_groups/down_groups`, NOT
 * weighted by the voters' reputation, so reputation never feeds on itself), and `wilson` is their
 * Wilson lower bound. The rows are locked (in tag order) before they are summed, so concurrent
 * writes on two traces of one contributor leave the sum of both.
 */
@Injectable()
export class DomainReputation {
  async refresh(tx: Transaction, contributorId: string, tags: string[]): Promise<void> {
    const m = tx.manager;
    const sorted = [...new Set(tags)].sort();
    if (!sorted.length) return;
    // An upsert locks each row, in tag order.
    await m.query(
      `INSERT INTO domain_reputation (account_id, tag) SELECT $1, unnest($2::text[]) ON CONFLICT (account_id, tag) DO UPDATE SET tag = EXCLUDED.tag`,
      [contributorId, sorted],
    );
    const sums: { tag: string; up: number; down: number }[] = await m.query(
      `SELECT tag, COALESCE(sum(s.up_groups), 0)::int AS up, COALESCE(sum(s.down_groups), 0)::int AS down
         FROM unnest($2::text[]) AS tag
         LEFT JOIN traces t ON t.contributor_id = $1 AND tag = ANY(t.tags)
         LEFT JOIN trace_scores s ON s.trace_id = t.id
        GROUP BY tag ORDER BY tag`,
      [contributorId, sorted],
    );
    await m.query(
      `UPDATE domain_reputation d SET up = n.up, down = n.down, wilson = n.wilson, updated_at = now()
         FROM unnest($2::text[], $3::real[], $4::real[], $5::real[]) AS n(tag, up, down, wilson)
        WHERE d.account_id = $1 AND d.tag = n.tag AND (d.up, d.down, d.wilson) IS DISTINCT FROM (n.up, n.down, n.wilson)`,
      [contributorId, sums.map((s) => s.tag), sums.map((s) => s.up), sums.map((s) => s.down), sums.map((s) => wilsonLowerBound(s.up, s.down))],
    );
  }
}
