import { Injectable, Logger } from '@nestjs/common';
import { TraceAmended, TraceCreated, unpackFloat32 } from '@commontrace/contracts';
import { traceText } from '@commontrace/domain-traces';
import { claimEvent, EventMeta, OnEvent, UnitOfWork } from '@commontrace/messaging';
import { EmbeddingModelEntity, TraceEntity, VECTOR_COLUMN_DIMENSIONS } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { recordEmbeddingFailure } from '../../models/embedding-failures';
import { EmbeddingModels } from '../../models/embedding-models';
import { storeVectors } from '../../models/store-vectors';

export const EMBED_TRACE_CONSUMER = 'embedding.embed-trace';
export const EMBED_AMENDED_TRACE_CONSUMER = 'embedding.embed-amended-trace';

/** The vector an event brought, if it may be stored for `model` as the trace's current vector. */
function givenVector(
  event: { content_hash?: string; embedding?: TraceCreated.TraceVector },
  trace: TraceEntity,
  model: EmbeddingModelEntity,
): number[] | undefined {
  const given = event.embedding;
  if (!given || given.model !== model.model || event.content_hash !== trace.content_hash) return undefined;
  const vector = given.float32 === undefined ? undefined : unpackFloat32(given.float32);
  return vector && vector.length > 0 && vector.length <= VECTOR_COLUMN_DIMENSIONS ? vector : undefined;
}

/**
 * Durable consumer of `trace.created` and `trace.amended`: gives the trace a vector of every
 * active model (the serving one and, during a switch, the one being built) and stores them with
 * their events, in one transaction that also records the event id, so a redelivery changes
 * nothing. A `trace.created` event may carry the vector ingest computed for its duplicate check:
 * it is stored as it is for its model when the content is still the one it was computed for, and
 * the provider is asked only for the other models. The provider is called before the
 * transaction opens. An unavailable provider fails the event (redelivered with back-off); a
 * provider that fails on this text is recorded as one attempt (see embedding_failures) and the
 * event is done: the sweep tries again, and sets the trace aside after repeated failures.
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
    return this.embed(event.trace_id, event, EMBED_TRACE_CONSUMER, meta);
  }

  /** An accepted amendment changed the text: its vectors are replaced. */
  @OnEvent(TraceAmended.contract, { consumer: EMBED_AMENDED_TRACE_CONSUMER })
  onTraceAmended(event: TraceAmended.TraceAmendedEvent, meta: EventMeta): Promise<void> {
    return this.embed(event.trace_id, {}, EMBED_AMENDED_TRACE_CONSUMER, meta);
  }

  private async embed(
    traceId: string,
    event: { content_hash?: string; embedding?: TraceCreated.TraceVector },
    consumer: string,
    meta: EventMeta,
  ): Promise<void> {
    const trace = await this.dataSource.manager.findOne(TraceEntity, { where: { id: traceId } });
    if (!trace) {
      this.logger.warn(`trace ${traceId} no longer exists; nothing to embed`);
      return;
    }
    const text = traceText(trace);
    const vectors: { model: EmbeddingModelEntity; vector: number[] }[] = [];
    const failed: { model: EmbeddingModelEntity; error: string }[] = [];
    for (const model of await this.models.active()) {
      const given = givenVector(event, trace, model);
      if (given) {
        vectors.push({ model, vector: given });
        continue;
      }
      const [outcome] = await this.models.embedEach(model, [text]);
      if ('vector' in outcome) vectors.push({ model, vector: outcome.vector });
      else failed.push({ model, error: outcome.error });
    }
    await this.uow.run(async (tx) => {
      if (!(await claimEvent(tx.manager, consumer, meta.eventId))) return;
      for (const { model, vector } of vectors) await storeVectors(tx, model, [{ trace, vector }]);
      for (const { model, error } of failed) {
        const setAside = await recordEmbeddingFailure(tx.manager, model.model, trace, error);
        this.logger.warn(`${model.model}: trace ${trace.id} ${setAside ? 'set aside after repeated failures' : 'failed'}: ${error}`);
      }
    });
  }
}
