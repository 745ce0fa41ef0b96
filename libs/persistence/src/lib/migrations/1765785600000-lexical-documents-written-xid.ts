import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `lexical_documents.written_xid`: the transaction that wrote a trace's postings. The search
 * service keeps a copy of the lexical index in memory and catches up with PostgreSQL, the source
 * of truth, by reading the documents written by transactions at or after the oldest one still
 * running when it last looked (`pg_snapshot_xmin`): no commit is missed, whatever the order in
 * which concurrent writers commit (docs/search.md, "The lexical index in memory").
 */
export class LexicalDocumentsWrittenXid1765785600000 implements MigrationInterface {
  name = 'LexicalDocumentsWrittenXid1765785600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lexical_documents ADD COLUMN written_xid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await q.query(`CREATE INDEX lexical_documents_written_xid_idx ON lexical_documents (written_xid) INCLUDE (trace_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX lexical_documents_written_xid_idx`);
    await q.query(`ALTER TABLE lexical_documents DROP COLUMN written_xid`);
  }
}
