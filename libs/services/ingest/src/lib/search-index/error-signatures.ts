import { errorSignatures } from '@commontrace/domain-search';
import { EntityManager } from 'typeorm';

export { traceSignatureText } from '@commontrace/domain-search';

/**
 * Makes a trace's rows in `error_signatures` exactly the signatures of `text` (its title and
 * context, see traceSignatureText), in the caller's transaction: one statement that removes the
 * rows the text no longer has and adds the new ones.
 */
export async function writeErrorSignatures(manager: EntityManager, traceId: string, text: string): Promise<void> {
  const found = errorSignatures(text);
  await manager.query(
    `WITH wanted AS (SELECT * FROM unnest($2::text[], $3::text[]) AS w(signature, kind)),
     gone AS (
       DELETE FROM error_signatures s
        WHERE s.trace_id = $1 AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.signature = s.signature)
     )
     INSERT INTO error_signatures (trace_id, signature, kind)
     SELECT $1, signature, kind FROM wanted
     ON CONFLICT (signature, trace_id) DO NOTHING`,
    [traceId, found.map((s) => s.signature), found.map((s) => s.kind)],
  );
}
