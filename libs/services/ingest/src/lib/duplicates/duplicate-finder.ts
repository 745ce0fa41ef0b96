import { Injectable, Logger } from '@nestjs/common';
import { EmbeddingEmbedTexts } from '@commontrace/contracts';
import { DEFAULT_DUPLICATE_THRESHOLDS, DuplicateThresholds, DuplicateVerdict, judgeDuplicate, TraceText, traceText } from '@commontrace/domain-traces';
import { AppEnv } from '@commontrace/util-config';
import { BusClient } from '@commontrace/messaging';
import { toVectorLiteral } from '@commontrace/persistence';
import { EntityManager } from 'typeorm';

/** The vector of a new trace must arrive within this time, or only the exact check applies. */
const EMBED_DEADLINE_MS = 2000;
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

  /** The vector is asked for before any transaction opens. */
  async embed(trace: TraceText & { tags?: string[] }): Promise<{ model: string; vector: number[] } | undefined> {
    try {
      const reply = await this.bus.request(EmbeddingEmbedTexts.contract, { texts: [traceText(trace)] }, { timeoutMs: EMBED_DEADLINE_MS });
      const vector = reply.vectors[0];
      return vector && vector.some((v) => v !== 0) ? { model: reply.model, vector } : undefined;
    } catch (error) {
      this.logger.warn(`near-duplicate check skipped, no vector: ${(error as Error).message}`);
      return undefined;
    }
  }

  async nearest(m: EntityManager, trace: TraceText, embedded: { model: string; vector: number[] }): Promise<DuplicateMatch | undefined> {
    await m.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
    const rows: (TraceText & { id: string; similarity: number })[] = await m.query(
      `SELECT t.id, t.title, t.context_text, t.solution_text, 1 - (e.embedding <=> $2::vector) AS similarity
         FROM trace_embeddings e JOIN traces t ON t.id = e.trace_id
        WHERE e.model = $1 AND t.status <> 'hidden' AND 1 - (e.embedding <=> $2::vector) >= $3
        ORDER BY e.embedding <=> $2::vector LIMIT $4`,
      [embedded.model, toVectorLiteral(embedded.vector), this.thresholds.similarity, NEIGHBOURS],
    );
    let best: DuplicateMatch | undefined;
    for (const row of rows) {
      const verdict = judgeDuplicate(trace, row, Number(row.similarity), this.thresholds);
      if (verdict.verdict === 'duplicate') return { id: row.id, title: row.title, ...verdict };
      if (verdict.verdict === 'related' && (!best || verdict.score > best.score)) best = { id: row.id, title: row.title, ...verdict };
    }
    return best;
  }
}
