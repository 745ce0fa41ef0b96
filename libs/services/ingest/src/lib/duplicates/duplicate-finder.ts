import { Injectable, Logger } from '@nestjs/common';
import { EmbeddingEmbedTexts } from '@commontrace/contracts';
import { DEFAULT_DUPLICATE_THRESHOLDS, DuplicateThresholds, DuplicateVerdict, judgeDuplicate, TraceText, traceProfile, traceText } from '@commontrace/domain-traces';
import { HASHING_MODEL_ID, offlineVector } from '@commontrace/domain-embedding';
import { AppEnv } from '@commontrace/util-config';
import { BusClient } from '@commontrace/messaging';
import { nearestNeighbours, TraceEntity } from '@commontrace/persistence';
import { EntityManager, In } from 'typeorm';

/** The vector of a new trace must arrive within this time, or only the exact check applies. */
const EMBED_DEADLINE_MS = 2000;
/**
 * How long a reply that names the offline model as the serving one is trusted: meanwhile ingest
 * computes that model's vectors itself (`offlineVector`, a pure function), without a round trip
 * to the embedding service. After a model switch, asking resumes within this time.
 */
export const SERVING_MODEL_MEMORY_MS = 30_000;
const NEIGHBOURS = 5;

export interface DuplicateMatch extends DuplicateVerdict {
  id: string;
  title: string;
}

/**
 * Finds the existing trace a new one duplicates or relates to: nearest neighbours by embedding,
 * judged by the texts. A `duplicate` verdict wins; otherwise the best-scoring `related` one.
 */
@Injectable()
export class DuplicateFinder {
  private readonly logger = new Logger('DuplicateFinder');

  private readonly thresholds: DuplicateThresholds;

  constructor(
    private readonly bus: BusClient,
    env: AppEnv,
  ) {
    this.thresholds = { ...DEFAULT_DUPLICATE_THRESHOLDS, similarity: env.DUPLICATE_MIN_SIMILARITY };
  }

  /** Until then the serving model is the offline one (from the embedding service's last reply). */
  private offlineServingUntil = 0;

  /**
   * The vector of the serving model, asked for before any transaction opens; computed here while
   * the serving model is known to be the offline one.
   */
  async embed(trace: TraceText & { tags?: string[] }): Promise<{ model: string; vector: number[] } | undefined> {
    const text = traceText(trace);
    const usable = (model: string, vector: number[] | undefined) => (vector && vector.some((v) => v !== 0) ? { model, vector } : undefined);
    if (Date.now() < this.offlineServingUntil) return usable(HASHING_MODEL_ID, offlineVector(text));
    try {
      const reply = await this.bus.request(EmbeddingEmbedTexts.contract, { texts: [text] }, { timeoutMs: EMBED_DEADLINE_MS });
      if (reply.model === HASHING_MODEL_ID) this.offlineServingUntil = Date.now() + SERVING_MODEL_MEMORY_MS;
      return usable(reply.model, reply.vectors[0]);
    } catch (error) {
      this.logger.warn(`near-duplicate check skipped, no vector: ${(error as Error).message}`);
      return undefined;
    }
  }

  /**
   * The first of the nearest traces (by the shared top-K query) that the texts confirm as a duplicate,
   * else the best related one. Neighbours below the similarity threshold are dropped here, after
   * the LIMIT, never in the query.
   */
  async nearest(m: EntityManager, trace: TraceText, embedded: { model: string; vector: number[] }): Promise<DuplicateMatch | undefined> {
    const close = (await nearestNeighbours(m, { model: embedded.model, vector: embedded.vector, limit: NEIGHBOURS })).filter(
      (n) => n.similarity >= this.thresholds.similarity,
    );
    if (close.length === 0) return undefined;
    const texts = await m.find(TraceEntity, {
      where: { id: In(close.map((n) => n.trace_id)) },
      select: { id: true, title: true, context_text: true, solution_text: true },
    });
    const byId = new Map(texts.map((t) => [t.id, t]));
    const candidate = traceProfile(trace);
    let best: DuplicateMatch | undefined;
    for (const { trace_id, similarity } of close) {
      const row = byId.get(trace_id);
      if (!row) continue;
      const verdict = judgeDuplicate(candidate, row, similarity, this.thresholds);
      if (verdict.verdict === 'duplicate') return { id: row.id, title: row.title, ...verdict };
      if (verdict.verdict === 'related' && (!best || verdict.score > best.score)) best = { id: row.id, title: row.title, ...verdict };
    }
    return best;
  }
}
