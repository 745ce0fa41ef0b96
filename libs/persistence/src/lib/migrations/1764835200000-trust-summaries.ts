import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the reputation service stores beside a trace's trust: the whole summary the API shows,
 * whether strongly negative evidence buries it (left out of default search), and the independent
 * groups for and against it (domain reputation sums them over a contributor's traces).
 */
export class TrustSummaries1764835200000 implements MigrationInterface {
  name = 'TrustSummaries1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE trace_scores
        ADD COLUMN summary jsonb,
        ADD COLUMN buried boolean NOT NULL DEFAULT false,
        ADD COLUMN up_groups int NOT NULL DEFAULT 0,
        ADD COLUMN down_groups int NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX trace_scores_updated_idx ON trace_scores (updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trace_scores_updated_idx`);
    await q.query(`ALTER TABLE trace_scores DROP COLUMN down_groups, DROP COLUMN up_groups, DROP COLUMN buried, DROP COLUMN summary`);
  }
}
