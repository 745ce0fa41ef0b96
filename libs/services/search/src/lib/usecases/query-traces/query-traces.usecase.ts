import { Injectable, Logger } from '@nestjs/common';
import { DomainError, EmbeddingEmbedTexts, ErrorCode, SearchQueryTraces } from '@commontrace/contracts';
import { vectorListWeight } from '@commontrace/domain-ranking';
import { InvertedIndex, searchOutcome } from '@commontrace/domain-search';
import { makeSnippet } from '@commontrace/domain-traces';
import { BusClient } from '@commontrace/messaging';
import { DataSource } from 'typeorm';
import { PageTrace, pageTraces } from './candidate-details';
import { CandidateFilter, DEFAULT_STATUSES } from './candidate-filter';
import { tagCandidates, vectorCandidates } from './candidate-queries';
import { lexicalCandidates } from './lexical-candidates';
import { likelyPage, orderCandidates, Retrieved } from './order-candidates';
import { decodeCursor, encodeCursor } from './search-cursor';
import { timedStage } from './search-stages';
import { signatureCandidates } from './signature-candidates';
import { WantedRecorder } from '../record-wanted/wanted-recorder';
import { LexicalIndexReplica } from '../../lexical/lexical-index-replica';

/** How many candidates each retriever contributes before fusion, at least. */
const CANDIDATES = 50;
/** A query vector that is not ready within this time is skipped: lexical results still answer. */
const QUERY_EMBED_DEADLINE_MS = 1500;
const MIN_SIMILARITY = 0.1;
/**
 * How long the model of the last query vector is trusted to still be the serving one: while it
 * is a model whose list weighs 0 in fusion, the fused modes do not ask for a query vector at all.
 * After a model switch, vector retrieval resumes within this time.
 */
export const QUERY_MODEL_MEMORY_MS = 30_000;
/**
 * The page's rows are read beside the ordering (a guess, see likelyPage) only while at most this
 * many searches run in the process: alone, a search saves a round trip; under load the extra rows
 * cost throughput and save no time, since the cores are busy anyway.
 */
export const SPECULATIVE_PAGE_MAX_RUNNING = 2;

type Request = SearchQueryTraces.QueryTracesRequest;
type Retriever = SearchQueryTraces.QueryTracesReply['retrievers'][number];

/**
 * Search: retrieval (error signatures, BM25 lexical, vector top-K) under the request's filters,
 * fused by weighted reciprocal rank, then — in the default `ranked` mode — re-ranked by trust,
 * freshness, context and status, with near-duplicates collapsed and superseded traces yielding
 * to their successors. Pages continue by cursor down to SEARCH_LIMITS.depth results.
 */
@Injectable()
export class QueryTracesUseCase {
  private readonly logger = new Logger('QueryTraces');
  /** The model of the last query vector the embedding service sent, and when. */
  private lastQueryModel: { model: string; at: number } | null = null;
  /** Searches under way in this process. */
  private running = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusClient,
    private readonly wanted: WantedRecorder,
    private readonly lexicalIndex: LexicalIndexReplica,
  ) {}

  async execute(request: Request): Promise<SearchQueryTraces.QueryTracesReply> {
    this.running++;
    try {
      return await this.search(request);
    } finally {
      this.running--;
    }
  }

  private async search(request: Request): Promise<SearchQueryTraces.QueryTracesReply> {
    const q = request.q?.trim() ?? '';
    const tags = request.tags?.length ? request.tags : null;
    if (!q && !tags) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Give a query (q), tags, or both', {
        errors: [{ field: 'q', message: 'q or tags is required' }],
      });
    }
    const mode = request.mode ?? 'ranked';
    const limit = request.limit ?? SearchQueryTraces.SEARCH_LIMITS.defaultLimit;
    const offset = decodeCursor(request);
    const filter: CandidateFilter = {
      tags,
      language: request.language ?? null,
      framework: request.framework ?? null,
      // Superseded traces are retrieved even when not asked for: their successors stand in for them.
      statuses: request.status?.length ? [...request.status] : [...DEFAULT_STATUSES, 'superseded'],
      // One more than the page needs, to know whether another page follows.
      limit: Math.min(SearchQueryTraces.SEARCH_LIMITS.depth + 1, Math.max(CANDIDATES, offset + limit + 1)),
    };

    const retrieved = q ? await this.retrieve(q, mode, filter) : await this.browse(filter);
    const m = this.dataSource.manager;
    // While the process is not busy, the page's rows are read beside the ordering for the traces likely to make it up; the rest are read after.
    const speculate = this.running <= SPECULATIVE_PAGE_MAX_RUNNING;
    const [ordered, guessed] = await Promise.all([
      timedStage('order', () =>
        orderCandidates(m, retrieved, {
          mode,
          showSuperseded: request.status?.includes('superseded') ?? false,
          filter,
          context: request.context ?? {},
          now: new Date(),
        }),
      ),
      speculate ? timedStage('page', () => pageTraces(m, likelyPage(retrieved, offset, limit))) : new Map<string, PageTrace>(),
    ]);

    const visible = ordered.slice(0, SearchQueryTraces.SEARCH_LIMITS.depth);
    const pageItems = visible.slice(offset, offset + limit);
    const more = visible.length > offset + limit;
    const unread = pageItems.map((c) => c.id).filter((id) => !guessed.has(id));
    const byId = unread.length ? new Map([...guessed, ...(await timedStage('page_rest', () => pageTraces(m, unread)))]) : guessed;
    const results = pageItems
      .filter((c) => byId.has(c.id))
      .map((c, rank): SearchQueryTraces.TraceHit => {
        const t = byId.get(c.id) as PageTrace;
        return {
          id: t.id,
          title: t.title,
          snippet: makeSnippet(`${t.context_text}\n${t.solution_text}`, q),
          score: Number(c.score.toFixed(6)),
          tags: t.tags,
          status: t.status,
          language: t.language,
          framework: t.framework,
          trust: c.trust,
          stands_for: c.standsFor,
          ...(c.replaces ? { replaces: c.replaces } : {}),
          related: t.related,
          ...(request.explain ? { explanation: c.explanation } : {}),
          ...(request.include_full && rank < SearchQueryTraces.SEARCH_LIMITS.maxFull ? { context_text: t.context_text, solution_text: t.solution_text } : {}),
        };
      });
    // A first page that answers poorly is demand: recorded in the background, never slowing the search.
    if (q && offset === 0) {
      const lexicalRank = new Map(pageItems.map((c) => [c.id, c.explanation.lexical_rank]));
      const outcome = searchOutcome(q, { results: results.map((r) => ({ ...r, explanation: { lexical_rank: lexicalRank.get(r.id) ?? null } })) });
      void this.wanted.record(q, outcome, request.searcher_id);
    }
    return {
      results,
      total: results.length,
      query: q || null,
      retrievers: retrieved.retrievers,
      mode,
      next_cursor: more ? encodeCursor(offset + limit, request) : null,
    };
  }

  /** The retrievers of the mode, in parallel, each under the same filter. */
  private async retrieve(q: string, mode: SearchQueryTraces.SearchMode, filter: CandidateFilter): Promise<Retrieved> {
    const m = this.dataSource.manager;
    // The exact error-signature match is part of every mode that fuses; a single-retriever mode is that retriever alone.
    const signatures = mode === 'ranked' || mode === 'hybrid';
    const lexical = mode !== 'vector';
    const vector = mode !== 'lexical';
    const [signatureIds, lexicalIds, vectorIds] = await Promise.all([
      signatures ? timedStage('signatures', () => signatureCandidates(m, q, filter)) : null,
      lexical ? this.lexicalSearch(q, filter) : null,
      vector ? timedStage('vector', () => this.vectorSearch(q, filter, mode !== 'vector')) : null,
    ]);
    const retrievers: Retriever[] = [];
    const lists: Retrieved['lists'] = {};
    if (signatureIds?.length) {
      lists.signatures = signatureIds;
      retrievers.push('signatures');
    }
    if (lexicalIds) {
      lists.lexical = lexicalIds;
      retrievers.push('lexical');
    }
    if (vectorIds) {
      lists.vector = vectorIds.ids;
      retrievers.push('vector');
    }
    if (filter.tags) retrievers.push('tags');
    return { lists, retrievers, vectorModel: vectorIds?.model };
  }

  /**
   * Lexical candidates' ids, best first: scored by the in-memory index (when it serves) while it
   * catches up, and again if the catch-up brought anything in; else by SQL.
   */
  private async lexicalSearch(q: string, filter: CandidateFilter): Promise<string[]> {
    const m = this.dataSource.manager;
    const score = (index: InvertedIndex | null) => timedStage('lexical', () => lexicalCandidates(m, q, filter, index));
    const found = (await this.lexicalIndex.scoreCurrent(score, (run) => timedStage('lexical_catch_up', run))) ?? (await score(null));
    return found.map((c) => c.id);
  }

  /** Tag-only browsing: newest first among traces carrying every tag. */
  private async browse(filter: CandidateFilter): Promise<Retrieved> {
    return { lists: { tags: await tagCandidates(this.dataSource.manager, filter) }, retrievers: ['tags'] };
  }

  /**
   * Vector candidates and the model they are of, or null when no query vector arrives in time (the
   * search degrades to lexical) — or when the list would be fused at a weight of 0 for the query
   * vector's model (`vectorListWeight`): then it could not move any result, and is not searched;
   * while the last query vector's model is such a one (within QUERY_MODEL_MEMORY_MS), no query
   * vector is even asked for.
   */
  private async vectorSearch(q: string, filter: CandidateFilter, fused: boolean): Promise<{ ids: string[]; model: string } | null> {
    const remembered = this.lastQueryModel;
    if (fused && remembered && Date.now() - remembered.at < QUERY_MODEL_MEMORY_MS && vectorListWeight(remembered.model) === 0) return null;
    let embedded: EmbeddingEmbedTexts.EmbedTextsReply;
    try {
      embedded = await this.bus.request(EmbeddingEmbedTexts.contract, { texts: [q] }, { timeoutMs: QUERY_EMBED_DEADLINE_MS });
    } catch (error) {
      this.logger.warn(`no query vector (${(error as Error).message}); lexical only`);
      return null;
    }
    this.lastQueryModel = { model: embedded.model, at: Date.now() };
    const vector = embedded.vectors[0];
    if (!vector || vector.every((v) => v === 0)) return null;
    if (fused && vectorListWeight(embedded.model) === 0) return null;
    return { ids: await vectorCandidates(this.dataSource.manager, { model: embedded.model, vector }, MIN_SIMILARITY, filter), model: embedded.model };
  }
}
