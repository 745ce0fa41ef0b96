import { Logger } from '@nestjs/common';
import { ServerNats } from '@nestjs/microservices';
import type { NatsOptions } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from 'nats';
import { InFlight, withDeadline } from '../bus/in-flight';
import { checkReplySize } from '../bus/reply-size';
import { ReconnectBackoff, connectionOptions } from './reconnect';

type NatsServerOptions = NonNullable<NatsOptions['options']>;

/**
 * Nest's NATS server for the `@MessagePattern` handlers (queue group per service), reconnecting without
 * a limit, and refusing replies over MAX_REPLY_BYTES with `reply_too_large` (as the in-process transport
 * does) instead of failing to publish them and leaving the caller to time out. It counts the requests
 * it is answering, so that a graceful shutdown can stop taking new ones and finish those (`drain`).
 */
export class NatsRequestServer extends ServerNats {
  private connected = true;
  private readonly subs: Subscription[] = [];
  private readonly answering = new InFlight();

  constructor(
    servers: string[],
    private readonly queue: string,
  ) {
    const backoff = new ReconnectBackoff();
    super({ servers, queue, ...connectionOptions(backoff) } as NatsServerOptions);
    this.status.subscribe((status) => {
      this.connected = status === 'connected';
      if (this.connected) backoff.reset();
    });
  }

  /** True before it listens (nothing to be down) and while its connection is up. */
  isConnected(): boolean {
    return this.connected;
  }

  /** Requests received and not answered yet. */
  get inFlight(): number {
    return this.answering.size;
  }

  /** Nest's subscriptions (one per pattern, in the service's queue group), kept here so that `drain` can end them. */
  override bindEvents(client: NatsConnection): void {
    for (const [channel, handler] of this.messageHandlers) {
      const queue = (handler.extras?.['queue'] as string | undefined) ?? this.queue;
      this.subs.push(client.subscribe(channel, { queue, callback: this.getMessageHandler(channel).bind(this) }));
    }
  }

  /**
   * Stops taking requests (the queue group's other members get the next ones), lets the messages
   * already delivered here run, and waits for every request under way to be answered, for at most
   * `timeoutMs`. Returns how many were still unanswered then. The connection stays open: Nest
   * closes it with the app.
   */
  async drain(timeoutMs: number): Promise<number> {
    const stopped = Promise.all(this.subs.splice(0).map((sub) => sub.drain().catch(() => undefined)));
    const outcome = await withDeadline(
      stopped.then(() => this.answering.idle()),
      timeoutMs,
    );
    if (outcome === 'timeout') new Logger('NatsRequestServer').warn(`${this.answering.size} bus request(s) still unanswered after ${timeoutMs} ms`);
    return this.answering.size;
  }

  override getPublisher(natsMsg: Msg, id: string, ctx: Parameters<ServerNats['getPublisher']>[2]) {
    const publish = super.getPublisher(natsMsg, id, ctx);
    // Only a request (a message with a reply subject) is answered; its last packet is marked disposed.
    const answered = natsMsg.reply ? this.answering.begin() : () => undefined;
    return (response: { response?: unknown; err?: unknown; isDisposed?: boolean }) => {
      const tooLarge = response.response !== undefined && checkReplySize(natsMsg.subject, JSON.stringify(response.response));
      const packet = tooLarge ? { err: tooLarge, isDisposed: true } : response;
      try {
        return publish(packet);
      } finally {
        if (packet.isDisposed) answered();
      }
    };
  }
}
