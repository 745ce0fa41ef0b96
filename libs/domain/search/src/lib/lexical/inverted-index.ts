import { BM25, idf } from './lexical-model';

/**
 * A trace as the lexical index holds it: its terms with their field-weighted frequencies, its
 * field-weighted length, and the facets a search may require (`traceFacets`).
 */
export interface IndexedDocument {
  id: string;
  terms: readonly string[];
  tfs: readonly number[];
  length: number;
  facets?: readonly string[];
}

export interface ScoredDocument {
  id: string;
  score: number;
}

/** The best documents of a search, and whether they are exact: every posting of every query term read, none left out by the budget. */
export interface IndexSearchResult {
  hits: ScoredDocument[];
  exhaustive: boolean;
}

/** What a search filter requires of a trace, as facets: each of its tags, its language and its framework (lower-cased, as the SQL filter compares them). */
export function traceFacets(trace: { tags: readonly string[]; language: string | null; framework: string | null }): string[] {
  return [
    ...trace.tags.map((tag) => `tag:${tag}`),
    ...(trace.language ? [`language:${trace.language.toLowerCase()}`] : []),
    ...(trace.framework ? [`framework:${trace.framework.toLowerCase()}`] : []),
  ];
}

/** The facets a filter requires (every tag, the language, the framework), in the form `traceFacets` gives them; the filter's own values are compared as given. */
export function requiredFacets(filter: { tags: readonly string[] | null; language: string | null; framework: string | null }): string[] {
  return [
    ...(filter.tags ?? []).map((tag) => `tag:${tag}`),
    ...(filter.language ? [`language:${filter.language}`] : []),
    ...(filter.framework ? [`framework:${filter.framework}`] : []),
  ];
}

/**
 * How much one query may read. Terms are taken rarest first; while fewer than `openBudget`
 * postings have been read, a term's postings may add new candidates; after that, a (more
 * frequent) term only adds to the candidates already found (the "continue" strategy: a trace that
 * holds none of the rarer terms rarely beats those that do on low-IDF terms alone). Once
 * `readBudget` postings have been read, the remaining, most frequent terms are not read at all.
 * So a query's cost is bounded whatever the corpus and the query. At 100k traces these values
 * keep 0.97 of exhaustive BM25's top 10 at about 2.5 ms of scoring (docs/benchmarks.md).
 */
export const INDEX_QUERY_LIMITS = { openBudget: 20_000, readBudget: 300_000 } as const;

/** Postings appended since the last compaction, for one term. */
interface DeltaList {
  docs: number[];
  tfs: number[];
}

const INITIAL_CAPACITY = 16;
const NO_FACETS = new Int32Array(0);

/**
 * An inverted index of BM25 postings held in memory. Most postings sit in one compact segment
 * (every term's postings contiguous in two typed arrays, CSR-style: 8 bytes a posting); documents
 * added since go to a small per-term delta. A replaced or removed document is marked dead (its
 * postings skipped, its terms' document frequencies decremented at once). When the delta and the
 * dead postings pass a quarter of the segment, `compact` rebuilds the segment (linear in the
 * postings, so adding costs O(1) per posting amortized). Scores are exact Okapi BM25 (k1, b and
 * IDF of lexical-model.ts) over the current corpus statistics, as the SQL path computes them.
 * Single-threaded by design (JavaScript): a search runs to completion between updates.
 */
export class InvertedIndex {
  private termIds = new Map<string, number>();
  private terms = 0;
  /** Live document frequency per term id. */
  private df = new Int32Array(INITIAL_CAPACITY);
  /** The segment: term t's postings are [start[t], start[t + 1]) of docs/tfs, for t < segmentTerms. */
  private start = new Int32Array(1);
  private docs = new Int32Array(0);
  private tfs = new Float32Array(0);
  private segmentTerms = 0;
  private delta = new Map<number, DeltaList>();
  private deltaPostings = 0;
  /** Per document slot: its trace id, or null once dead. */
  private ids: (string | null)[] = [];
  private lengths = new Float64Array(INITIAL_CAPACITY);
  /** Per document slot: its term ids (to update document frequencies when it dies). */
  private docTerms: (Int32Array | null)[] = [];
  /** Per document slot: its facet ids. */
  private docFacets: Int32Array[] = [];
  private readonly facetIds = new Map<string, number>();
  /** Per facet id: the slots of the documents holding it (dead ones included until the next compaction). */
  private facetSlots: number[][] = [];
  /** Per slot: the stamp of the last search whose filter it passed (so no clearing between searches). */
  private passing = new Int32Array(INITIAL_CAPACITY);
  private stamp = 0;
  private readonly slotOf = new Map<string, number>();
  private totalLength = 0;
  private deadPostings = 0;
  /** Scratch accumulators, one per slot, reused by every search (zeroed after each). */
  private scores = new Float64Array(INITIAL_CAPACITY);
  private touched = new Int32Array(INITIAL_CAPACITY);

  /** Live documents. */
  get size(): number {
    return this.slotOf.size;
  }

  get averageLength(): number {
    return this.size ? this.totalLength / this.size : 0;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** The number of live documents holding `term`. */
  documentFrequency(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.df[t];
  }

  /** Adds a document, replacing the one of the same id. */
  upsert(doc: IndexedDocument): void {
    this.remove(doc.id);
    const slot = this.ids.length;
    this.ids.push(doc.id);
    this.ensureSlots(slot + 1);
    this.lengths[slot] = doc.length;
    const termIds = new Int32Array(doc.terms.length);
    doc.terms.forEach((term, i) => {
      const t = this.termId(term);
      let list = this.delta.get(t);
      if (!list) this.delta.set(t, (list = { docs: [], tfs: [] }));
      list.docs.push(slot);
      list.tfs.push(doc.tfs[i]);
      this.df[t]++;
      termIds[i] = t;
    });
    this.docTerms.push(termIds);
    const facets = doc.facets?.length ? Int32Array.from(doc.facets, (facet) => this.facetId(facet)) : NO_FACETS;
    this.docFacets.push(facets);
    for (const f of facets) this.facetSlots[f].push(slot);
    this.slotOf.set(doc.id, slot);
    this.totalLength += doc.length;
    this.deltaPostings += termIds.length;
    this.compactWhenDue();
  }

  /** Removes a document (nothing when it is not there). */
  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = null;
    const terms = this.docTerms[slot] as Int32Array;
    for (const t of terms) this.df[t]--;
    this.docTerms[slot] = null;
    this.totalLength -= this.lengths[slot];
    this.deadPostings += terms.length;
    this.compactWhenDue();
  }

  /**
   * The `k` best documents for the query's terms by BM25, best first (ties by id), within
   * INDEX_QUERY_LIMITS. Terms in no document are ignored; a repeated term counts once.
   */
  search(terms: readonly string[], k: number, limits: { openBudget: number; readBudget: number } = INDEX_QUERY_LIMITS): ScoredDocument[] {
    return this.searchWithin(terms, k, [], limits).hits;
  }

  /**
   * As `search`, among the documents holding every facet of `required` only (none: all of them),
   * and whether the result is exhaustive. A document that lacks a required facet is never scored,
   * so the budget is spent on the ones that may be returned; a facet no document holds finds nothing.
   */
  searchWithin(
    terms: readonly string[],
    k: number,
    required: readonly string[],
    limits: { openBudget: number; readBudget: number } = INDEX_QUERY_LIMITS,
  ): IndexSearchResult {
    const documents = this.size;
    if (!documents || k <= 0) return { hits: [], exhaustive: true };
    const need = Int32Array.from(required, (facet) => this.facetIds.get(facet) ?? -1);
    if (need.includes(-1)) return { hits: [], exhaustive: true };
    const averageLength = this.averageLength || 1;
    const query = [...new Set(terms)]
      .map((term) => this.termIds.get(term))
      .filter((t): t is number => t !== undefined && this.df[t] > 0)
      .sort((x, y) => this.df[x] - this.df[y]);
    let read = 0;
    let found = 0;
    let exhaustive = true;
    const scoring = { weight: 0, opening: true, averageLength, stamp: need.length ? this.markPassing(need) : 0 };
    for (const t of query) {
      if (read >= limits.readBudget) {
        exhaustive = false;
        break;
      }
      scoring.weight = idf(this.df[t], documents);
      scoring.opening = read < limits.openBudget;
      if (!scoring.opening) exhaustive = false;
      if (t < this.segmentTerms) {
        found = this.accumulate(this.docs, this.tfs, this.start[t], this.start[t + 1], scoring, found);
        read += this.start[t + 1] - this.start[t];
      }
      const list = this.delta.get(t);
      if (list) {
        found = this.accumulate(list.docs, list.tfs, 0, list.docs.length, scoring, found);
        read += list.docs.length;
      }
    }
    const { scores, touched, ids } = this;
    const best = topK(scores, touched, found, k, ids as string[]);
    for (let i = 0; i < found; i++) scores[touched[i]] = 0;
    return { hits: best, exhaustive };
  }

  /**
   * Adds one term's postings [from, to) to the accumulators: BM25's part of the term in each live
   * document; a document not yet scored is opened only while `opening`, and, under a filter
   * (`stamp` not 0), only when it passed the filter (`passing`, see markPassing). Returns the count
   * of documents scored so far (their slots in `touched`).
   */
  private accumulate(
    docs: ArrayLike<number>,
    tfs: ArrayLike<number>,
    from: number,
    to: number,
    scoring: { weight: number; opening: boolean; averageLength: number; stamp: number },
    found: number,
  ): number {
    const { k1, b } = BM25;
    const { scores, touched, lengths, ids, passing } = this;
    const { weight, opening, averageLength, stamp } = scoring;
    for (let i = from; i < to; i++) {
      const slot = docs[i];
      // The accumulator first: past the opening budget most postings are of documents never opened, and one read skips them.
      const previous = scores[slot];
      if (previous === 0 && (!opening || (stamp !== 0 && passing[slot] !== stamp))) continue;
      const tf = tfs[i];
      if (!(tf > 0) || ids[slot] === null) continue;
      scores[slot] = previous + (weight * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[slot]) / averageLength));
      if (previous === 0) touched[found++] = slot;
    }
    return found;
  }

  /** Rebuilds the segment from the live postings: dead documents, their postings and unused terms dropped, the rest renumbered. */
  compact(): void {
    const slots = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const lengths = new Float64Array(Math.max(INITIAL_CAPACITY, this.slotOf.size));
    this.ids.forEach((id, slot) => {
      if (id === null) return;
      slots[slot] = ids.length;
      lengths[ids.length] = this.lengths[slot];
      ids.push(id);
    });
    const termOf = new Int32Array(this.terms).fill(-1);
    const termIds = new Map<string, number>();
    for (const [term, t] of this.termIds) if (this.df[t] > 0) termIds.set(term, (termOf[t] = termIds.size));
    const df = new Int32Array(Math.max(INITIAL_CAPACITY, termIds.size));
    for (let t = 0; t < this.terms; t++) if (termOf[t] >= 0) df[termOf[t]] = this.df[t];
    // Each live posting goes to its term's range: the segment's first, then the delta's (slot order kept).
    const start = new Int32Array(termIds.size + 1);
    for (let t = 0; t < termIds.size; t++) start[t + 1] = start[t] + df[t];
    const fill = start.slice(0, termIds.size);
    const docs = new Int32Array(start[termIds.size]);
    const tfs = new Float32Array(start[termIds.size]);
    const put = (t: number, slot: number, tf: number) => {
      const to = termOf[t];
      const s = slots[slot];
      if (to < 0 || s < 0) return;
      docs[fill[to]] = s;
      tfs[fill[to]++] = tf;
    };
    for (let t = 0; t < this.segmentTerms; t++) for (let i = this.start[t]; i < this.start[t + 1]; i++) put(t, this.docs[i], this.tfs[i]);
    for (const [t, list] of this.delta) for (let i = 0; i < list.docs.length; i++) put(t, list.docs[i], list.tfs[i]);
    this.docTerms = this.docTerms.filter((terms): terms is Int32Array => terms !== null).map((terms) => terms.map((t) => termOf[t]));
    this.docFacets = this.docFacets.filter((_, slot) => slots[slot] >= 0);
    this.facetSlots = this.facetSlots.map(() => []);
    this.docFacets.forEach((facets, slot) => facets.forEach((f) => this.facetSlots[f].push(slot)));
    this.termIds = termIds;
    this.terms = termIds.size;
    this.df = df;
    this.start = start;
    this.docs = docs;
    this.tfs = tfs;
    this.segmentTerms = termIds.size;
    this.delta = new Map();
    this.deltaPostings = 0;
    this.deadPostings = 0;
    this.ids = ids;
    this.lengths = lengths;
    this.slotOf.clear();
    ids.forEach((id, slot) => this.slotOf.set(id, slot));
    this.scores = new Float64Array(lengths.length);
    this.touched = new Int32Array(lengths.length);
    this.passing = new Int32Array(lengths.length);
    this.stamp = 0;
  }

  private compactWhenDue(): void {
    if (this.deltaPostings + this.deadPostings > Math.max(100_000, this.docs.length / 4)) this.compact();
  }

  /**
   * Marks the slots of the live documents holding every facet of `need` with a new stamp, and
   * returns it: from the smallest of the facets' slot lists, so the work is that list's length,
   * not the corpus's.
   */
  private markPassing(need: Int32Array): number {
    if (this.stamp === 0x7fffffff) {
      this.passing.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    let smallest = this.facetSlots[need[0]];
    for (const f of need) if (this.facetSlots[f].length < smallest.length) smallest = this.facetSlots[f];
    const { ids, docFacets, passing } = this;
    for (const slot of smallest) if (ids[slot] !== null && (need.length === 1 || holdsAll(docFacets[slot], need))) passing[slot] = stamp;
    return stamp;
  }

  /** Facet ids are never reused or dropped: there are few facets (tags, languages, frameworks). */
  private facetId(facet: string): number {
    let f = this.facetIds.get(facet);
    if (f === undefined) {
      this.facetIds.set(facet, (f = this.facetIds.size));
      this.facetSlots.push([]);
    }
    return f;
  }

  private termId(term: string): number {
    let t = this.termIds.get(term);
    if (t !== undefined) return t;
    t = this.terms++;
    this.termIds.set(term, t);
    if (t >= this.df.length) {
      const df = new Int32Array(this.df.length * 2);
      df.set(this.df);
      this.df = df;
    }
    return t;
  }

  private ensureSlots(n: number): void {
    if (n <= this.lengths.length) return;
    const capacity = Math.max(n, this.lengths.length * 2);
    const lengths = new Float64Array(capacity);
    lengths.set(this.lengths);
    this.lengths = lengths;
    this.scores = new Float64Array(capacity);
    this.touched = new Int32Array(capacity);
    const passing = new Int32Array(capacity);
    passing.set(this.passing);
    this.passing = passing;
  }
}

/** Whether a document's facets include every one of `need` (both a handful long). */
function holdsAll(facets: Int32Array, need: Int32Array): boolean {
  for (let i = 0; i < need.length; i++) if (!facets.includes(need[i])) return false;
  return true;
}

/** The k best of the touched slots by score (ties: the smaller id first), best first: a bounded min-heap. */
function topK(scores: Float64Array, touched: Int32Array, found: number, k: number, ids: string[]): ScoredDocument[] {
  const heap: number[] = [];
  // "worse" is the heap order: the root is the worst kept slot.
  const worse = (x: number, y: number) => scores[x] < scores[y] || (scores[x] === scores[y] && ids[x] > ids[y]);
  const down = (from: number) => {
    for (let i = from; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let n = 0; n < found; n++) {
    const slot = touched[n];
    if (heap.length < k) {
      heap.push(slot);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (worse(heap[0], slot)) {
      heap[0] = slot;
      down(0);
    }
  }
  return heap
    .sort((x, y) => (worse(x, y) ? 1 : worse(y, x) ? -1 : 0))
    .map((slot) => ({ id: ids[slot], score: scores[slot] }));
}
