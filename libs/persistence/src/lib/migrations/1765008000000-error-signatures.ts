import { errorSignatures, traceSignatureText } from '@commontrace/domain-search';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Traces read per backfill batch: bounded memory and statement size, whatever the corpus. */
const BACKFILL_BATCH = 500;

/**
 * The error signatures of every trace (docs/decisions.md, "Error signatures"), owned by ingest,
 * which rewrites a trace's rows in the transaction that stores or amends it. The primary key
 * leads with the signature, the column that search looks up; the trace index serves the
 * rewrite and the cascade. Existing traces are backfilled in batches by id.
 */
export class ErrorSignatures1765008000000 implements MigrationInterface {
  name = 'ErrorSignatures1765008000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE error_signatures (
        signature text NOT NULL,
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('code', 'message')),
        PRIMARY KEY (signature, trace_id)
      )`);
    await q.query(`CREATE INDEX error_signatures_trace_idx ON error_signatures (trace_id)`);
    await backfill(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE error_signatures`);
  }
}

async function backfill(q: QueryRunner): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const traces: { id: string; title: string; context_text: string }[] = await q.query(
      `SELECT id, title, context_text FROM traces WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
      [after, BACKFILL_BATCH],
    );
    if (traces.length === 0) return;
    const ids: string[] = [];
    const signatures: string[] = [];
    const kinds: string[] = [];
    for (const trace of traces) {
      for (const s of errorSignatures(traceSignatureText(trace))) {
        ids.push(trace.id);
        signatures.push(s.signature);
        kinds.push(s.kind);
      }
    }
    if (ids.length > 0) {
      await q.query(
        `INSERT INTO error_signatures (trace_id, signature, kind)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [ids, signatures, kinds],
      );
    }
    after = traces[traces.length - 1].id;
  }
}
