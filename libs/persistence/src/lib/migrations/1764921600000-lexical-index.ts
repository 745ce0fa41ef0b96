// The backfill tokenizes the stored traces with the same code as ingest (persistence may use pure domain logic).
import { lexicalPostings } from '@commontrace/domain-search';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { writeLexicalIndex } from '../lexical-index';

const BACKFILL_BATCH = 500;

/**
 * The lexical index that search scores with BM25 (docs/decisions.md, "Lexical index"):
 * - `lexical_postings`: a term's field-weighted frequency in a trace, and its impact (the order in
 *   which a term's postings are read when it chooses candidates);
 * - `lexical_documents`: a trace's field-weighted length and the tokenizer version that made its postings;
 * - `lexical_terms`: in how many traces a term occurs (document frequency);
 * - `lexical_totals`: one row, how many traces are indexed and their total length.
 * Ingest keeps all four exact in the transaction that writes the trace (since migration
 * 1765872000000 it folds the two statistics in after the commit). Existing traces are indexed
 * here, in batches, by the same writer.
 */
export class LexicalIndex1764921600000 implements MigrationInterface {
  name = 'LexicalIndex1764921600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lexical_postings (
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        term text NOT NULL,
        tf real NOT NULL CHECK (tf > 0),
        impact real NOT NULL,
        PRIMARY KEY (trace_id, term) INCLUDE (tf)
      )`);
    await q.query(`CREATE INDEX lexical_postings_term_impact_idx ON lexical_postings (term, impact DESC, trace_id)`);
    await q.query(`
      CREATE TABLE lexical_documents (
        trace_id uuid PRIMARY KEY REFERENCES traces(id) ON DELETE CASCADE,
        length real NOT NULL CHECK (length >= 0),
        tokenizer_version int NOT NULL
      )`);
    // No CHECK (df >= 0): an upsert checks the row it proposes, and a writer's one sorted upsert
    // carries decrements too (the integration spec recounts instead).
    await q.query(`CREATE TABLE lexical_terms (term text PRIMARY KEY, df int NOT NULL)`);
    await q.query(`
      CREATE TABLE lexical_totals (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        documents bigint NOT NULL CHECK (documents >= 0),
        total_length double precision NOT NULL
      )`);

    await q.query(`INSERT INTO lexical_totals (documents, total_length) VALUES (0, 0)`);

    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const traces: { id: string; title: string; tags: string[]; context_text: string; solution_text: string }[] = await q.query(
        `SELECT id, title, tags, context_text, solution_text FROM traces WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, BACKFILL_BATCH],
      );
      if (!traces.length) break;
      await writeLexicalIndex(q, traces.map((t) => ({ trace_id: t.id, ...lexicalPostings(t) })), { fresh: true });
      after = traces[traces.length - 1].id;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lexical_totals, lexical_terms, lexical_documents, lexical_postings`);
  }
}
