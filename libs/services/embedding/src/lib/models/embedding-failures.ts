import { counter } from '@commontrace/util-observability';
import { EntityManager } from 'typeorm';

/** Attempts on the same content after which a trace is set aside for a model. */
export const MAX_EMBEDDING_ATTEMPTS = 3;

export const setAsideTotal = counter('commontrace_embedding_set_aside_total', 'Traces set aside after repeated embedding failures, by model', ['model']);

/**
 * Records that the provider of `model` failed on a trace's text. The attempts count again
 * from one when the content changed. Returns true when this attempt set the trace aside.
 */
export async function recordEmbeddingFailure(
  manager: EntityManager,
  model: string,
  trace: { id: string; content_hash: string },
  error: string,
): Promise<boolean> {
  const rows: { attempts: number }[] = await manager
    .query(
      `INSERT INTO embedding_failures AS f (trace_id, model, content_hash, attempts, last_error, set_aside_at)
       VALUES ($1, $2, $3, 1, $4, CASE WHEN $5::int <= 1 THEN now() END)
       ON CONFLICT (trace_id, model) DO UPDATE SET
         attempts = CASE WHEN f.content_hash = EXCLUDED.content_hash THEN f.attempts + 1 ELSE 1 END,
         first_failed_at = CASE WHEN f.content_hash = EXCLUDED.content_hash THEN f.first_failed_at ELSE now() END,
         set_aside_at = CASE WHEN f.content_hash = EXCLUDED.content_hash AND f.attempts + 1 >= $5::int
                             THEN coalesce(f.set_aside_at, now()) END,
         content_hash = EXCLUDED.content_hash, last_error = EXCLUDED.last_error, last_failed_at = now()
       RETURNING attempts`,
      [trace.id, model, trace.content_hash, error.slice(0, 2000), MAX_EMBEDDING_ATTEMPTS],
    )
    .then((r) => (Array.isArray(r[0]) ? r[0] : r));
  const setAside = rows[0]?.attempts === MAX_EMBEDDING_ATTEMPTS;
  if (setAside) setAsideTotal.inc({ model });
  return setAside;
}

/** The SQL condition (on traces `t`, model in `$1`) that leaves out traces set aside for their current content. */
export const NOT_SET_ASIDE = `NOT EXISTS (SELECT 1 FROM embedding_failures f WHERE f.trace_id = t.id AND f.model = $1
  AND f.set_aside_at IS NOT NULL AND f.content_hash = t.content_hash)`;
