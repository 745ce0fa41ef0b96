import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DomainError, ErrorCode, EventEnvelope, flattenValidationErrors } from '@commontrace/contracts';
import { REQUEST_ID_HEADER, RequestContext } from '@commontrace/util-observability';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EventMeta, ON_EVENT_METADATA, OnEventMetadata } from './on-event.decorator';

export interface EventHandler {
  consumer: string;
  subject: string;
  invoke(envelope: EventEnvelope, headers: Record<string, string>, attempt: number): Promise<void>;
}

/** Finds every `@OnEvent` method in the process and runs one with a validated payload. */
@Injectable()
export class EventHandlers implements OnApplicationBootstrap {
  private readonly logger = new Logger('Events');
  private handlers: EventHandler[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    this.handlers = this.discover();
  }

  all(): EventHandler[] {
    return this.handlers;
  }

  forSubject(subject: string): EventHandler[] {
    return this.handlers.filter((h) => h.subject === subject);
  }

  private discover(): EventHandler[] {
    const found: EventHandler[] = [];
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = instance[name] as (...args: unknown[]) => Promise<void>;
        const meta = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT_METADATA, method);
        if (!meta) continue;
        if (found.some((h) => h.consumer === meta.consumer)) {
          throw new Error(`Two @OnEvent handlers share the consumer name ${meta.consumer}`);
        }
        found.push({
          consumer: meta.consumer,
          subject: meta.contract.subject,
          invoke: (envelope, headers, attempt) => {
            const data = plainToInstance(meta.contract.data, envelope.data);
            const errors = flattenValidationErrors(validateSync(data as object));
            if (errors.length) {
              throw new DomainError(ErrorCode.ValidationFailed, `Invalid ${envelope.subject} event`, { errors });
            }
            const eventMeta: EventMeta = {
              eventId: envelope.id,
              subject: envelope.subject,
              occurredAt: envelope.occurred_at,
              attempt,
            };
            const requestId = RequestContext.sanitize(headers[REQUEST_ID_HEADER]);
            return RequestContext.run({ requestId }, () => method.call(instance, data, eventMeta));
          },
        });
        this.logger.log(`consumer ${meta.consumer} handles ${meta.contract.subject}`);
      }
    }
    return found;
  }
}
