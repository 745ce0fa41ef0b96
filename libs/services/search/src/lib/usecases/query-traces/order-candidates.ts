import { SearchQueryTraces, TrustSummary } from '@commontrace/contracts';
import { fusionOptionsFor, isBuried, rankResults, RankedResult, RankingCandidate, reciprocalRankFusion } from '@commontrace/domain-ranking';
import { EntityManager } from 'typeorm';
import { CandidateDetails, candidateDetails, duplicatePairs, successors } from './candidate-details';
import { CandidateFilter } from './candidate-filter';

type Retriever = SearchQueryTraces.QueryTracesReply['retrievers'][number];

/** Each retriever's candidates, best first, and which retrievers answered. */
export interface Retrieved {
  lists: Partial<Record<Retriever, string[]>>;
  retrievers: Retriever[];
  /** The embedding model of the query vector, when the vector retriever ran. */
  vectorModel?: string;
}

export interface OrderedCandidate {
  id: string;
  score: number;
  standsFor: number;
  replaces: string | null;
  /** Its trust summary, as reputation stored it (read once, for the ranking and the result). */
  trust: TrustSummary;
  explanation: SearchQueryTraces.ScoreExplanation;
}

export interface OrderOptions {
  mode: SearchQueryTraces.SearchMode;
  /** Superseded traces were asked for: they are shown as themselves, not replaced by their successors. */
  showSuperseded: boolean;
  filter: CandidateFilter;
  context: Record<string, unknown>;
  now: Date;
}

/** How many of the best candidates are compared by vector for near-identical duplicates (pairs grow with its square). */
const COLLAPSE_DEPTH = 30;
/** Compared beyond COLLAPSE_DEPTH: the comparison is chosen before the status filter, which may leave a few out. */
const COLLAPSE_SLACK = 5;

/** The name of each retriever's list in the ranking weights. */
const WEIGHT_NAMES: Record<Retriever, string> = { signatures: 'error_signature', lexical: 'lexical', vector: 'vector', tags: 'tags' };

interface Candidate extends RankingCandidate {
  ranks: Record<Retriever, number | null>;
  replaces: string | null;
  summary: TrustSummary;
}

/**
 * From the retrievers' lists to the order of the results: weighted reciprocal rank fusion; hidden
 * and buried traces left out; a superseded trace replaced by its newest visible successor (in the
 * superseded one's place) unless superseded traces were asked for; then, in `ranked` mode, the
 * re-rank by trust × freshness × context × status, near-duplicates (`duplicate_of` links among
 * the retrieved, or near-identical vectors among the first COLLAPSE_DEPTH + COLLAPSE_SLACK of the
 * fusion) collapsed into the best of them, and the first places made diverse. Other modes keep the
 * fused order. A successor that stands in for a superseded trace without having been retrieved
 * itself is not compared (its pairs are not read).
 */
export async function orderCandidates(m: EntityManager, retrieved: Retrieved, options: OrderOptions): Promise<OrderedCandidate[]> {
  const { names, fusion } = fusionOf(retrieved);
  const all = [...new Set(names.flatMap((n) => retrieved.lists[n] ?? []))];
  // The duplicate pairs are read beside the details rather than after them: compared by vector are
  // the first of the fusion before the filter, with a few more for the ones it leaves out.
  const comparedFirst = () => fusedAsRetrieved(retrieved).slice(0, COLLAPSE_DEPTH + COLLAPSE_SLACK);
  const [details, pairs] = await Promise.all([
    // Every list is held to the whole filter here (the in-memory lexical index does not know statuses), before fusion ranks them.
    candidateDetails(m, all, options.filter),
    options.mode === 'ranked' ? duplicatePairs(m, all, comparedFirst()) : Promise.resolve([] as [string, string][]),
  ]);
  const fused = reciprocalRankFusion(
    names.map((n) => (retrieved.lists[n] ?? []).filter((id) => details.has(id))),
    fusion,
  );

  const ranksOf = (ranks: (number | null)[]) =>
    Object.fromEntries((Object.keys(WEIGHT_NAMES) as Retriever[]).map((n) => [n, names.includes(n) ? ranks[names.indexOf(n)] : null])) as Candidate['ranks'];
  let candidates: Candidate[] = fused.map((f) => toCandidate(details.get(f.id) as CandidateDetails, f.score, ranksOf(f.ranks)));
  if (!options.showSuperseded) candidates = await replaceSuperseded(m, candidates, options.filter);
  candidates = candidates.filter((c) => !isBuried(c.trust));

  if (options.mode !== 'ranked') {
    return candidates.map((c) => ({
      id: c.id,
      score: c.relevance,
      standsFor: 1,
      replaces: c.replaces,
      trust: c.summary,
      explanation: { ...rankExplanation(c), fusion: c.relevance, final: c.relevance },
    }));
  }
  const kept = new Set(candidates.map((c) => c.id));
  const groups = duplicateGroups(pairs.filter(([a, b]) => kept.has(a) && kept.has(b)));
  for (const c of candidates) c.duplicate_group = groups.get(c.id) ?? null;
  const ranked = rankResults(candidates, options.context, options.now);
  return ranked.map((r) => toOrdered(r));
}

/** Fused places read beyond either end of the page when its rows are read before the order is known. */
export const PAGE_GUESS_SLACK = 5;

/**
 * The traces most likely to make up the page from `offset` (of `limit`), before the re-rank has
 * placed them: the fusion of the retrievers' lists around that window, PAGE_GUESS_SLACK places
 * wider on either side. Their rows can be read beside the candidates' details; the re-rank moves
 * a trace by a few places at most on a corpus of like trust, so the page is usually among them,
 * and what is not is read after. Never filtered: only the ordered page's traces are shown.
 */
export function likelyPage(retrieved: Retrieved, offset: number, limit: number): string[] {
  return fusedAsRetrieved(retrieved).slice(Math.max(0, offset - PAGE_GUESS_SLACK), offset + limit + PAGE_GUESS_SLACK);
}

/** The retrievers that answered and their fusion weights (by the query vector's model for the vector list). */
function fusionOf(retrieved: Retrieved): { names: Retriever[]; fusion: ReturnType<typeof fusionOptionsFor> } {
  const names = Object.keys(retrieved.lists) as Retriever[];
  return { names, fusion: fusionOptionsFor(names.map((n) => WEIGHT_NAMES[n]), undefined, { vectorModel: retrieved.vectorModel }) };
}

/** The retrievers' lists fused as they came, before any filter: ids, best first. */
function fusedAsRetrieved(retrieved: Retrieved): string[] {
  const { names, fusion } = fusionOf(retrieved);
  return reciprocalRankFusion(names.map((n) => retrieved.lists[n] ?? []), fusion).map((f) => f.id);
}

function toCandidate(d: CandidateDetails, relevance: number, ranks: Candidate['ranks']): Candidate {
  return { ...d, summary: d.trust, relevance, retriever_ranks: ranks, ranks, replaces: null };
}

/**
 * Superseded candidates give their place to their newest visible successor within the filter (a
 * successor already among the candidates moves up to the better of the two places); one without
 * such a successor is left out.
 */
async function replaceSuperseded(m: EntityManager, candidates: Candidate[], filter: CandidateFilter): Promise<Candidate[]> {
  const superseded = candidates.filter((c) => c.status === 'superseded').map((c) => c.id);
  if (!superseded.length) return candidates;
  const next = await successors(m, superseded, filter);
  const out: Candidate[] = [];
  const placed = new Set<string>();
  for (const c of candidates) {
    const target = c.status === 'superseded' ? next.get(c.id) : c;
    if (!target || placed.has(target.id)) continue;
    placed.add(target.id);
    if (c.status !== 'superseded') {
      out.push(c);
      continue;
    }
    const existing = candidates.find((x) => x.id === target.id);
    const base = existing ?? toCandidate(target as CandidateDetails, c.relevance, c.ranks);
    out.push({ ...base, relevance: Math.max(base.relevance, c.relevance), replaces: c.id });
  }
  return out;
}

/** Traces linked `duplicate_of` form one group (connected components), keyed by its smallest id. */
function duplicateGroups(links: [string, string][]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  for (const [a, b] of links) {
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  return new Map([...parent.keys()].map((x) => [x, find(x)]));
}

function rankExplanation(c: Candidate): Pick<SearchQueryTraces.ScoreExplanation, 'signature_rank' | 'lexical_rank' | 'vector_rank'> {
  return { signature_rank: c.ranks.signatures, lexical_rank: c.ranks.lexical, vector_rank: c.ranks.vector };
}

function toOrdered(r: RankedResult<Candidate>): OrderedCandidate {
  const { trust, freshness, context, status, final } = r.explanation;
  const factor = ({ multiplier, ...inputs }: { multiplier: number } & object) => ({ value: multiplier, ...inputs });
  return {
    id: r.id,
    score: r.score,
    standsFor: r.stands_for,
    replaces: r.candidate.replaces,
    trust: r.candidate.summary,
    explanation: {
      ...rankExplanation(r.candidate),
      fusion: r.candidate.relevance,
      factors: { trust: factor(trust), freshness: factor(freshness), context: factor(context), status: factor(status) },
      final,
    },
  };
}
