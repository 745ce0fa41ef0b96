import { MigrationInterface, QueryRunner } from 'typeorm';
import { foldAllLexicalStatistics } from '../lexical-index';

/**
 * `lexical_documents.counted`: whether a document is in `lexical_terms` and `lexical_totals` yet.
 * Ingest writes a trace's postings and document uncounted, in the transaction that writes the
 * trace, and folds them into the statistics after the commit, so concurrent contributions never
 * queue on the rows of the terms they share (docs/decisions.md, "Term statistics folded after
 * the commit"); readers count the uncounted documents in (`lexicalStatistics`).
 *
 * The statistics are recounted here from the postings, so they are exact whatever wrote them
 * (a database indexed by an earlier migration with this code has postings and no statistics):
 * one pass over lexical_postings, a few seconds per 10k traces.
 */
export class LexicalStatisticsFolded1765872000000 implements MigrationInterface {
  name = 'LexicalStatisticsFolded1765872000000';

  async up(q: QueryRunner): Promise<void> {
    // Existing documents are counted by the recount below; new ones start uncounted.
    await q.query(`ALTER TABLE lexical_documents ADD COLUMN counted boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE lexical_documents ALTER COLUMN counted SET DEFAULT false`);
    await q.query(`CREATE INDEX lexical_documents_uncounted_idx ON lexical_documents (trace_id) WHERE NOT counted`);
    await q.query(`DELETE FROM lexical_terms`);
    await q.query(`INSERT INTO lexical_terms (term, df) SELECT term, count(*)::int FROM lexical_postings GROUP BY term`);
    await q.query(`INSERT INTO lexical_totals (id, documents, total_length) VALUES (true, 0, 0) ON CONFLICT (id) DO NOTHING`);
    await q.query(
      `UPDATE lexical_totals SET documents = (SELECT count(*) FROM lexical_documents), total_length = (SELECT coalesce(sum(length), 0) FROM lexical_documents)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Before this migration every document was in the statistics.
    await foldAllLexicalStatistics(q);
    await q.query(`DROP INDEX lexical_documents_uncounted_idx`);
    await q.query(`ALTER TABLE lexical_documents DROP COLUMN counted`);
  }
}
