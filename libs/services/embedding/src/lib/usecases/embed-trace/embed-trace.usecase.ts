import { Injectable, Logger } from '@nestjs/common';
import { TraceCreated } from '@commontrace/contracts';
import { claimEvent, EventMeta, OnEvent, UnitOfWork } from '@commontrace/messaging';
import { EmbeddingModelEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { EmbeddingModels } from '../../models/embedding-models';
import { traceText } from '@commontrace/domain-traces';
import { storeVectors } from '../../models/store-vectors';

export const EMBED_TRACE_CONSUMER = 'embedding.embed-trace';

/**
 * Durable consumer of `trace.created`: embeds the trace with every active model (the serving
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
  async onTraceCreated(event: TraceCreated.TraceCreatedEvent, meta: EventMeta): Promise<void> {
    const trace = await this.dataSource.manager.findOne(TraceEntity, { where: { id: event.trace_id } });
    if (!trace) {
      this.logger.warn(`trace ${event.trace_id} no longer exists; nothing to embed`);
      return;
    }
    const active = await this.models.active();
    const text = traceText(trace);
    const vectors: { model: EmbeddingModelEntity; vector: number[] }[] = [];
    for (const model of active) vectors.push({ model, vector: (await this.models.embed(model, [text]))[0] });
    await this.uow.run(async (tx) => {
      if (!(await claimEvent(tx.manager, EMBED_TRACE_CONSUMER, meta.eventId))) return;
      for (const { model, vector } of vectors) await storeVectors(tx, model, [{ trace, vector }]);
    });
  }
}
