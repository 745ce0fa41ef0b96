/**
 * The baseline the search is measured against: plain Okapi BM25 (k1 = 1.2, b = 0.75) over one
 * text per trace (title, tags, context and solution, joined), in memory. Tokens are runs of
 * letters and digits, lowercased (no stemming, no stop words, no field weights); each distinct
 * query token counts once; IDF is ln(1 + (N − df + 0.5) / (df + 0.5)) as in Lucene, so it is
 * never negative. A query's tags filter the documents as the search's do (all of them). Ties
 * keep the corpus order.
 */
export const BM25_PARAMETERS = { k1: 1.2, b: 0.75 } as const;

export interface Bm25Document {
  id: string;
  title: string;
  tags?: string[];
  context_text: string;
  solution_text: string;
}

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export class Bm25Index {
  private readonly ids: string[] = [];
  private readonly tags: Set<string>[] = [];
  private readonly lengths: number[] = [];
  /** token → [document index, term frequency] pairs, flattened. */
  private readonly postings = new Map<string, number[]>();
  private totalLength = 0;

  add(doc: Bm25Document): void {
    const index = this.ids.length;
    const tokens = tokenize([doc.title, (doc.tags ?? []).join(' '), doc.context_text, doc.solution_text].join('\n'));
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = this.postings.get(t);
      if (list) list.push(index, n);
      else this.postings.set(t, [index, n]);
    }
    this.ids.push(doc.id);
    this.tags.push(new Set(doc.tags ?? []));
    this.lengths.push(tokens.length);
    this.totalLength += tokens.length;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The ids of the best `limit` documents for the query text, best first (documents with no query token are not returned). */
  search(q: string, limit: number, tags: string[] = []): string[] {
    const { k1, b } = BM25_PARAMETERS;
    const n = this.ids.length;
    const avgLength = this.totalLength / Math.max(1, n);
    const scores = new Map<number, number>();
    for (const term of new Set(tokenize(q))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const df = list.length / 2;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i];
        const tf = list[i + 1];
        const norm = tf + k1 * (1 - b + (b * this.lengths[doc]) / avgLength);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / norm);
      }
    }
    return [...scores]
      .filter(([doc]) => tags.every((t) => this.tags[doc].has(t)))
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, limit)
      .map(([doc]) => this.ids[doc]);
  }
}
