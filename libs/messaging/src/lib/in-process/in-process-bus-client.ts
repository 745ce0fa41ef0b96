import { Observable } from 'rxjs';
import { BusClient } from '../bus/bus-client';
import { InProcessServer } from './in-process-server';

export class InProcessBusClient extends BusClient {
  constructor(
    private readonly server: InProcessServer,
    timeoutMs: number,
  ) {
    super(timeoutMs);
  }

  protected send<R>(subject: string, payload: object, headers: Record<string, string>): Observable<R> {
    return new Observable<R>((subscriber) => this.server.dispatch<R>(subject, payload, headers).subscribe(subscriber));
  }
}
