import { LexicalFields, lexicalPostings } from '@commontrace/domain-search';
import { writeLexicalIndex } from '@commontrace/persistence';
import { EntityManager } from 'typeorm';

export interface IndexedTrace extends LexicalFields {
  id: string;
}

/**
 * Indexes these traces for lexical search in the caller's transaction (the one that writes
 * them): their terms by domain-search's tokenizer and field weights, written — replacing any
 * earlier postings, with exact term and corpus statistics — by persistence's `writeLexicalIndex`.
 * `fresh`: the traces were created in this transaction (nothing to replace).
 */
export async function indexTracesLexically(m: EntityManager, traces: readonly IndexedTrace[], options: { fresh?: boolean } = {}): Promise<void> {
  await writeLexicalIndex(
    m,
    traces.map((t) => ({ trace_id: t.id, ...lexicalPostings(t) })),
    options,
  );
}
