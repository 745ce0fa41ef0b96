import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Amendments record the version they were written against, and are listed newest first by a
 * keyset index. Existing rows get the version that was current when they were proposed: one
 * more than the number of amendments of the trace accepted before then (versions only grow
 * by accepted amendments).
 */
export class AmendmentBaseVersion1764489600000 implements MigrationInterface {
  name = 'AmendmentBaseVersion1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE amendments ADD COLUMN base_version int`);
    await q.query(`
      UPDATE amendments a SET base_version = 1 + (
        SELECT count(*) FROM amendments b
         WHERE b.trace_id = a.trace_id AND b.status = 'accepted' AND b.reviewed_at < a.created_at
      )`);
    await q.query(`ALTER TABLE amendments ALTER COLUMN base_version SET NOT NULL`);
    await q.query(`ALTER TABLE amendments ADD CONSTRAINT amendments_base_version_check CHECK (base_version >= 1)`);
    await q.query(`DROP INDEX amendments_trace_idx`);
    await q.query(`CREATE INDEX amendments_trace_created_idx ON amendments (trace_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX amendments_trace_created_idx`);
    await q.query(`CREATE INDEX amendments_trace_idx ON amendments (trace_id)`);
    await q.query(`ALTER TABLE amendments DROP COLUMN base_version`);
  }
}
