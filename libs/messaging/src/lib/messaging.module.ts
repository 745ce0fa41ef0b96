import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { BusClient } from './bus/bus-client';
import { NatsBusClient } from './bus/nats-bus-client';
import { EventHandlers } from './events/event-handlers';
import { EventPublisher } from './events/event-publisher';
import { InProcessBusClient } from './in-process/in-process-bus-client';
import { InProcessEventPublisher } from './in-process/in-process-event-publisher';
import { InProcessServer } from './in-process/in-process-server';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { JetStreamConsumers } from './nats/jetstream-consumers';
import { JetStreamEventPublisher } from './nats/jetstream-event-publisher';
import { ensureStreams } from './nats/jetstream-setup';
import { NatsConnectionHolder } from './nats/nats-connection';
import { NatsRequestServer } from './nats/nats-request-server';
import { OutboxRelay } from './outbox/outbox-relay';
import { UnitOfWork } from './outbox/outbox';

export function natsServers(url: string): string[] {
  return url.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Where this process serves its `@MessagePattern` handlers: Nest's NATS server in microservices mode,
 * the in-process server in the all-in-one. Chosen here, with the bus client, so that nothing else
 * picks a transport: `app.connectMicroservice(app.get(BusServer).microserviceOptions())`.
 */
export class BusServer {
  constructor(readonly strategy: InProcessServer | NatsRequestServer) {}

  microserviceOptions(): MicroserviceOptions {
    return { strategy: this.strategy };
  }

  /**
   * Graceful shutdown: stop taking requests and answer the ones under way, for at most `timeoutMs`;
   * returns how many were left unanswered. Over NATS the subscriptions drain (the queue group's other
   * members take the next requests). In process there is nothing to do: requests come only from this
   * process's own HTTP requests, which are drained first, and its last passes (relay, sweepers) must
   * still reach the handlers.
   */
  /** Requests being answered now (always 0 in process: see drain). */
  inFlight(): number {
    return this.strategy instanceof NatsRequestServer ? this.strategy.inFlight : 0;
  }

  async drain(timeoutMs: number): Promise<number> {
    return this.strategy instanceof NatsRequestServer ? this.strategy.drain(timeoutMs) : 0;
  }
}

/**
 * Whether this process can use the bus now: the JetStream connection, the request client and (once it
 * listens) the request server must all be connected. Always true in process.
 */
@Injectable()
export class BusHealth {
  constructor(
    private readonly client: BusClient,
    private readonly server: BusServer,
    @Optional() private readonly nats?: NatsConnectionHolder,
  ) {}

  /** Names of the connections that are down; empty when healthy. */
  down(): string[] {
    const down: string[] = [];
    if (this.nats && !this.nats.isHealthy()) down.push('events');
    if (this.client instanceof NatsBusClient && !this.client.isConnected()) down.push('request client');
    if (this.server.strategy instanceof NatsRequestServer && !this.server.strategy.isConnected()) down.push('request server');
    return down;
  }

  isHealthy(): boolean {
    return this.down().length === 0;
  }
}

/** Starts the relay and, in microservices mode, the durable consumers once every module is ready. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumers?: JetStreamConsumers;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly relay: OutboxRelay,
    private readonly handlers: EventHandlers,
    @Optional() private readonly nats?: NatsConnectionHolder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.nats && this.options.consumers) {
      this.consumers = new JetStreamConsumers(this.nats.connection);
      await this.consumers.start(this.handlers.all());
    }
    this.relay.start();
    new Logger('Messaging').log(
      `${this.options.natsUrl ? 'NATS' : 'in-process'} transport; relay ${this.options.relay ? 'on' : 'off'}; ` +
        `${this.handlers.all().length} event consumer(s)`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers?.stop();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const common = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      EventHandlers,
      OutboxRelay,
      UnitOfWork,
      BusHealth,
      MessagingLifecycle,
    ];
    const exports = [MESSAGING_OPTIONS, BusClient, BusServer, UnitOfWork, OutboxRelay, BusHealth, EventHandlers];

    if (!options.natsUrl) {
      const server = new InProcessServer();
      return {
        module: MessagingModule,
        imports: [DiscoveryModule],
        providers: [
          ...common,
          { provide: InProcessServer, useValue: server },
          { provide: BusServer, useValue: new BusServer(server) },
          { provide: BusClient, useFactory: () => new InProcessBusClient(server, options.requestTimeoutMs) },
          { provide: EventPublisher, useFactory: (h: EventHandlers) => new InProcessEventPublisher(h), inject: [EventHandlers] },
        ],
        exports: [...exports, InProcessServer],
      };
    }

    const servers = natsServers(options.natsUrl);
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        ...common,
        {
          provide: NatsConnectionHolder,
          useFactory: async () => {
            const holder = await NatsConnectionHolder.open(servers, options.service);
            await ensureStreams(await holder.connection.jetstreamManager());
            return holder;
          },
        },
        { provide: BusClient, useFactory: () => new NatsBusClient(servers, options.requestTimeoutMs) },
        { provide: BusServer, useFactory: () => new BusServer(new NatsRequestServer(servers, options.service)) },
        {
          provide: EventPublisher,
          useFactory: (h: NatsConnectionHolder) => new JetStreamEventPublisher(h.connection.jetstream()),
          inject: [NatsConnectionHolder],
        },
      ],
      exports: [...exports, NatsConnectionHolder],
    };
  }
}
