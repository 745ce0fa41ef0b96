import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { connect, NatsConnection } from 'nats';

/** The process's own NATS connection for JetStream (Nest's client keeps its own for requests). */
export class NatsConnectionHolder implements OnApplicationShutdown {
  private constructor(readonly connection: NatsConnection) {}

  static async open(servers: string[], name: string): Promise<NatsConnectionHolder> {
    const connection = await connect({ servers, name, maxReconnectAttempts: -1 });
    new Logger('NATS').log(`connected to ${connection.getServer()} as ${name}`);
    return new NatsConnectionHolder(connection);
  }

  isHealthy(): boolean {
    return !this.connection.isClosed() && !this.connection.isDraining();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
