import { SetMetadata } from '@nestjs/common';
import { EventContract } from '@commontrace/contracts';

export const ON_EVENT_METADATA = Symbol('ON_EVENT_METADATA');

export interface OnEventMetadata {
  contract: EventContract<object>;
  /**
   * Stable name of this consumer, e.g. `embedding.embed-trace`: the JetStream durable name
   * and the key under which processed event ids are recorded. Never reuse or rename lightly.
   */
  consumer: string;
}

/** What a handler receives besides the validated payload. */
export interface EventMeta {
  eventId: string;
  subject: string;
  occurredAt: string;
  /** 1 for the first delivery. */
  attempt: number;
}

/** Subscribes a provider method to a durable domain event: `handle(data, meta)`. */
export function OnEvent<T extends object>(contract: EventContract<T>, options: { consumer: string }): MethodDecorator {
  return SetMetadata(ON_EVENT_METADATA, { contract, consumer: options.consumer } satisfies OnEventMetadata);
}
