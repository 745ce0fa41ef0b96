import { Injectable, Logger } from '@nestjs/common';
import { DomainError, EmbeddingEmbedTexts, ErrorCode, SearchQueryTraces, TraceStatus } from '@commontrace/contracts';
import { reciprocalRankFusion } from '@commontrace/domain-ranking';
import { emptyTrustSummary } from '@commontrace/domain-reputation';
import { makeSnippet } from '@commontrace/domain-traces';
import { BusClient } from '@commontrace/messaging';
import { TraceEntity } from '@commontrace/persistence';
import { DataSource, In } from 'typeorm';
import { tagCandidates, vectorCandidates } from './candidate-queries';
import { lexicalCandidates } from './lexical-candidates';
import { trustSummaries } from '../../trust/trust-summaries';

/** How many candidates each retriever contributes before fusion. */
const CANDIDATES = 50;
/** A query vector that is not ready within this time is skipped: lexical results still answer. */
const QUERY_EMBED_DEADLINE_MS = 1500;
const MIN_SIMILARITY = 0.1;
/** Every status but hidden, as the other retrievers here return. */
const VISIBLE_STATUSES: TraceStatus[] = ['pending', 'validated', 'stale', 'superseded', 'disputed'];

type Retriever = SearchQueryTraces.QueryTracesReply['retrievers'][number];

/** Hybrid retrieval: full-text and vector candidates under the same filters, fused by reciprocal rank. */
@Injectable()
export class QueryTracesUseCase {
  private readonly logger = new Logger('QueryTraces');

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusClient,
  ) {}

  async execute(request: SearchQueryTraces.QueryTracesRequest): Promise<SearchQueryTraces.QueryTracesReply> {
    const q = request.q?.trim() ?? '';
    const tags = request.tags?.length ? request.tags : null;
    const limit = request.limit ?? SearchQueryTraces.SEARCH_LIMITS.defaultLimit;
    if (!q && !tags) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Give a query (q), tags, or both', {
        errors: [{ field: 'q', message: 'q or tags is required' }],
      });
    }
    const filter = { tags, limit: CANDIDATES };
    const lists: string[][] = [];
    const retrievers: Retriever[] = [];

    if (!q && tags) {
      lists.push(await tagCandidates(this.dataSource.manager, tags, limit));
      retrievers.push('tags');
    } else {
      const [lexical, vector] = await Promise.all([
        lexicalCandidates(this.dataSource.manager, q, { ...filter, language: null, framework: null, statuses: VISIBLE_STATUSES }).then((found) => found.map((c) => c.id)),
        this.vectorSearch(q, filter),
      ]);
      lists.push(lexical);
      retrievers.push('lexical');
      if (vector) {
        lists.push(vector);
        retrievers.push('vector');
      }
      if (tags) retrievers.push('tags');
    }

    // Strongly negative trust buries a trace: default search leaves it out.
    const ranked = reciprocalRankFusion(lists);
    const trust = await trustSummaries(this.dataSource.manager, ranked.map((f) => f.id));
    const fused = ranked.filter((f) => !trust.get(f.id)?.buried).slice(0, limit);
    const rows = fused.length ? await this.dataSource.manager.findBy(TraceEntity, { id: In(fused.map((f) => f.id)) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const vectorIndex = retrievers.indexOf('vector');
    const results = fused
      .filter((f) => byId.has(f.id))
      .map((f, rank) => {
        const t = byId.get(f.id) as TraceEntity;
        return {
          id: t.id,
          title: t.title,
          snippet: makeSnippet(`${t.context_text}\n${t.solution_text}`, q),
          score: Number(f.score.toFixed(6)),
          tags: t.tags,
          status: t.status,
          trust: trust.get(t.id) ?? emptyTrustSummary(),
          explanation: {
            lexical_rank: retrievers[0] === 'lexical' ? f.ranks[0] : null,
            vector_rank: vectorIndex >= 0 ? f.ranks[vectorIndex] : null,
            fusion: 'rrf' as const,
          },
          ...(request.include_full && rank < SearchQueryTraces.SEARCH_LIMITS.maxFull ? { context_text: t.context_text, solution_text: t.solution_text } : {}),
        };
      });
    return { results, retrievers };
  }

  /** Vector candidates, or null when no query vector arrives in time (the search degrades to lexical). */
  private async vectorSearch(q: string, filter: { tags: string[] | null; limit: number }): Promise<string[] | null> {
    let embedded: EmbeddingEmbedTexts.EmbedTextsReply;
    try {
      embedded = await this.bus.request(EmbeddingEmbedTexts.contract, { texts: [q] }, { timeoutMs: QUERY_EMBED_DEADLINE_MS });
    } catch (error) {
      this.logger.warn(`no query vector (${(error as Error).message}); lexical only`);
      return null;
    }
    const vector = embedded.vectors[0];
    if (!vector || vector.every((v) => v === 0)) return null;
    return vectorCandidates(this.dataSource.manager, { model: embedded.model, vector }, MIN_SIMILARITY, filter);
  }
}
