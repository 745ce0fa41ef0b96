import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { connect, NatsConnection } from 'nats';
import { ReconnectBackoff, connectionOptions } from './reconnect';

/** The process's own NATS connection for JetStream (Nest's client and server keep their own for requests). */
export class NatsConnectionHolder implements OnApplicationShutdown {
  private connected = true;

  private constructor(
    readonly connection: NatsConnection,
    backoff: ReconnectBackoff,
  ) {
    void this.watch(backoff);
  }

  static async open(servers: string[], name: string): Promise<NatsConnectionHolder> {
    const backoff = new ReconnectBackoff();
    const connection = await connect({ servers, name, ...connectionOptions(backoff) });
    new Logger('NATS').log(`connected to ${connection.getServer()} as ${name}`);
    return new NatsConnectionHolder(connection, backoff);
  }

  /** Connected now: not closed, not draining, and not between a disconnect and its reconnect. */
  isHealthy(): boolean {
    return this.connected && !this.connection.isClosed() && !this.connection.isDraining();
  }

  private async watch(backoff: ReconnectBackoff): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') {
        this.connected = true;
        backoff.reset();
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
