import { EmbeddingUnavailableError } from '../providers/embedding-provider';

/** What became of one text: its vector, or why the provider failed on it alone. */
export type EmbedOutcome = { vector: number[] } | { error: string };

/**
 * Embeds texts in one call if it succeeds; when it fails, splits the batch in halves and tries
 * each again, until every failing text is alone, so one bad text never costs the others their
 * vectors (at most 2n - 1 calls for n texts). A provider that is unavailable fails the whole
 * call at once: that is nobody's text's fault, and nothing is split.
 */
export async function embedIsolated(texts: string[], embed: (texts: string[]) => Promise<number[][]>): Promise<EmbedOutcome[]> {
  if (texts.length === 0) return [];
  try {
    return (await embed(texts)).map((vector) => ({ vector }));
  } catch (error) {
    if (error instanceof EmbeddingUnavailableError) throw error;
    if (texts.length === 1) return [{ error: (error as Error)?.message ?? String(error) }];
    const half = Math.ceil(texts.length / 2);
    return [...(await embedIsolated(texts.slice(0, half), embed)), ...(await embedIsolated(texts.slice(half), embed))];
  }
}
