import { Injectable, Logger } from '@nestjs/common';
import { TraceCreated, TraceEmbedded } from '@commontrace/contracts';
import { claimEvent, EventMeta, OnEvent, UnitOfWork } from '@commontrace/messaging';
import { toVectorLiteral, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { EmbeddingProvider } from '../../providers/embedding-provider';
import { traceText } from '../../providers/trace-text';

export const EMBED_TRACE_CONSUMER = 'embedding.embed-trace';

/**
 * Durable consumer of `trace.created`: embeds the trace and upserts its vector with a
 * `trace.embedded` event, in one transaction that also records the event id, so a redelivery
 * changes nothing. The provider is called before the transaction opens.
 */
@Injectable()
export class EmbedTraceUseCase {
  private readonly logger = new Logger('EmbedTrace');

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly provider: EmbeddingProvider,
  ) {}

  @OnEvent(TraceCreated.contract, { consumer: EMBED_TRACE_CONSUMER })
  async onTraceCreated(event: TraceCreated.TraceCreatedEvent, meta: EventMeta): Promise<void> {
    const trace = await this.dataSource.manager.findOne(TraceEntity, { where: { id: event.trace_id } });
    if (!trace) {
      this.logger.warn(`trace ${event.trace_id} no longer exists; nothing to embed`);
      return;
    }
    const [vector] = await this.provider.embed([traceText(trace)]);
    await this.uow.run(async (tx) => {
      if (!(await claimEvent(tx.manager, EMBED_TRACE_CONSUMER, meta.eventId))) return;
      await tx.manager.query(
        `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (trace_id, model) DO UPDATE
           SET provider = EXCLUDED.provider, dimensions = EXCLUDED.dimensions, embedding = EXCLUDED.embedding,
               content_hash = EXCLUDED.content_hash, updated_at = now()
           WHERE trace_embeddings.content_hash IS DISTINCT FROM EXCLUDED.content_hash`,
        [
          trace.id,
          this.provider.model,
          this.provider.provider,
          this.provider.dimensions,
          toVectorLiteral(vector),
          trace.content_hash,
        ],
      );
      await tx.emit(TraceEmbedded.contract, {
        trace_id: trace.id,
        model: this.provider.model,
        content_hash: trace.content_hash,
      });
    });
  }
}
