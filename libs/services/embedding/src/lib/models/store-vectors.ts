import { TraceEmbedded } from '@commontrace/contracts';
import { Transaction } from '@commontrace/messaging';
import { toVectorLiteral } from '@commontrace/persistence';

export interface TraceToEmbed {
  id: string;
  title: string;
  context_text: string;
  solution_text: string;
  tags: string[];
  content_hash: string;
}

/**
 * Upserts one vector per trace for a model, each with its `trace.embedded` event, and forgets
 * earlier failures on the trace. A vector for the same content is left as it is, and then no
 * event is written.
 */
export async function storeVectors(
  tx: Transaction,
  model: { model: string; provider: string },
  items: { trace: TraceToEmbed; vector: number[] }[],
): Promise<number> {
  let stored = 0;
  for (const { trace, vector } of items) {
    // Earlier failures are forgotten in the same statement (a data-modifying WITH always runs, once).
    const rows: unknown[] = await tx.manager.query(
      `WITH forgotten AS (DELETE FROM embedding_failures WHERE trace_id = $1 AND model = $2)
       INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (trace_id, model) DO UPDATE
         SET provider = EXCLUDED.provider, dimensions = EXCLUDED.dimensions, embedding = EXCLUDED.embedding,
             content_hash = EXCLUDED.content_hash, updated_at = now()
         WHERE trace_embeddings.content_hash IS DISTINCT FROM EXCLUDED.content_hash
       RETURNING trace_id`,
      [trace.id, model.model, model.provider, vector.length, toVectorLiteral(vector), trace.content_hash],
    );
    if ((Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows).length === 0) continue;
    stored += 1;
    await tx.emit(TraceEmbedded.contract, { trace_id: trace.id, model: model.model, content_hash: trace.content_hash });
  }
  return stored;
}
