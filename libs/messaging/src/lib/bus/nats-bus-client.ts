import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientNats, NatsRecordBuilder } from '@nestjs/microservices';
import { headers as natsHeaders } from 'nats';
import { Observable } from 'rxjs';
import { ReconnectBackoff, connectionOptions } from '../nats/reconnect';
import { BusClient } from './bus-client';

/**
 * Request/reply over core NATS, through Nest's NATS client (the services listen in queue groups).
 * It reconnects without a limit; while it is disconnected, requests fail at once with
 * `service_unavailable` (Nest's client refuses them) and readiness reports it.
 */
export class NatsBusClient extends BusClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly client: ClientNats;
  private connected = false;

  constructor(servers: string[], timeoutMs: number) {
    super(timeoutMs);
    const backoff = new ReconnectBackoff();
    this.client = new ClientNats({ servers, ...connectionOptions(backoff) });
    this.client.status.subscribe((status) => {
      this.connected = status === 'connected';
      if (this.connected) backoff.reset();
    });
  }

  /** Connects before the process reports ready, so that readiness covers this connection from the start. */
  async onApplicationBootstrap(): Promise<void> {
    await this.client.connect();
  }

  isConnected(): boolean {
    return this.connected;
  }

  protected send<R>(subject: string, payload: object, headers: Record<string, string>): Observable<R> {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(headers)) h.set(k, v);
    return this.client.send<R>(subject, new NatsRecordBuilder(payload).setHeaders(h).build());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
