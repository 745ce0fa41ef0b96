import { ServerNats } from '@nestjs/microservices';
import type { NatsOptions } from '@nestjs/microservices';
import type { Msg } from 'nats';
import { checkReplySize } from '../bus/reply-size';
import { ReconnectBackoff, reconnectOptions } from './reconnect';

type NatsServerOptions = NonNullable<NatsOptions['options']>;

/**
 * Nest's NATS server for the `@MessagePattern` handlers (queue group per service), reconnecting without
 * a limit, and refusing replies over MAX_REPLY_BYTES with `reply_too_large` (as the in-process transport
 * does) instead of failing to publish them and leaving the caller to time out.
 */
export class NatsRequestServer extends ServerNats {
  private connected = true;

  constructor(servers: string[], queue: string) {
    const backoff = new ReconnectBackoff();
    super({ servers, queue, ...reconnectOptions(backoff) } as NatsServerOptions);
    this.status.subscribe((status) => {
      this.connected = status === 'connected';
      if (this.connected) backoff.reset();
    });
  }

  /** True before it listens (nothing to be down) and while its connection is up. */
  isConnected(): boolean {
    return this.connected;
  }

  override getPublisher(natsMsg: Msg, id: string, ctx: Parameters<ServerNats['getPublisher']>[2]) {
    const publish = super.getPublisher(natsMsg, id, ctx);
    return (response: { response?: unknown; err?: unknown; isDisposed?: boolean }) => {
      if (response.response === undefined) return publish(response);
      const tooLarge = checkReplySize(natsMsg.subject, JSON.stringify(response.response));
      return publish(tooLarge ? { err: tooLarge, isDisposed: true } : response);
    };
  }
}
