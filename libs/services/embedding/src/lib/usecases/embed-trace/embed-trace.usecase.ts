import { Injectable, Logger } from '@nestjs/common';
import { TraceAmended, TraceCreated } from '@commontrace/contracts';
import { claimEvent, EventMeta, OnEvent, UnitOfWork } from '@commontrace/messaging';
import { EmbeddingModelEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { EmbeddingModels } from '../../models/embedding-models';
import { traceText } from '@commontrace/domain-traces';
import { storeVectors } from '../../models/store-vectors';

export const EMBED_TRACE_CONSUMER = 'embedding.embed-trace';
export const EMBED_AMENDED_TRACE_CONSUMER = 'embedding.embed-amended-trace';

/**
 * Durable consumer of `trace.created` and `trace.amended`: embeds the trace with every active model (the serving
 * one and, during a switch, the one being built) and stores the vectors with their events, in
 * one transaction that also records the event id, so a redelivery changes nothing. The
 * provider is called before the transaction opens; a provider failure is retried by redelivery.
 */
@Injectable()
export class EmbedTraceUseCase {
  private readonly logger = new Logger('EmbedTrace');

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly models: EmbeddingModels,
  ) {}

  @OnEvent(TraceCreated.contract, { consumer: EMBED_TRACE_CONSUMER })
  onTraceCreated(event: TraceCreated.TraceCreatedEvent, meta: EventMeta): Promise<void> {
    return this.embed(event.trace_id, EMBED_TRACE_CONSUMER, meta);
  }

  /** An accepted amendment changed the text: its vectors are replaced. */
  @OnEvent(TraceAmended.contract, { consumer: EMBED_AMENDED_TRACE_CONSUMER })
  onTraceAmended(event: TraceAmended.TraceAmendedEvent, meta: EventMeta): Promise<void> {
    return this.embed(event.trace_id, EMBED_AMENDED_TRACE_CONSUMER, meta);
  }

  private async embed(traceId: string, consumer: string, meta: EventMeta): Promise<void> {
    const trace = await this.dataSource.manager.findOne(TraceEntity, { where: { id: traceId } });
    if (!trace) {
      this.logger.warn(`trace ${traceId} no longer exists; nothing to embed`);
      return;
    }
    const active = await this.models.active();
    const text = traceText(trace);
    const vectors: { model: EmbeddingModelEntity; vector: number[] }[] = [];
    for (const model of active) vectors.push({ model, vector: (await this.models.embed(model, [text]))[0] });
    await this.uow.run(async (tx) => {
      if (!(await claimEvent(tx.manager, consumer, meta.eventId))) return;
      for (const { model, vector } of vectors) await storeVectors(tx, model, [{ trace, vector }]);
    });
  }
}
