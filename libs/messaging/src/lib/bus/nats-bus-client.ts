import { OnApplicationShutdown } from '@nestjs/common';
import { ClientNats, NatsRecordBuilder } from '@nestjs/microservices';
import { headers as natsHeaders } from 'nats';
import { Observable } from 'rxjs';
import { BusClient } from './bus-client';

/** Request/reply over core NATS, through Nest's NATS client (the services listen in queue groups). */
export class NatsBusClient extends BusClient implements OnApplicationShutdown {
  private readonly client: ClientNats;

  constructor(servers: string[], timeoutMs: number) {
    super(timeoutMs);
    this.client = new ClientNats({ servers });
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
