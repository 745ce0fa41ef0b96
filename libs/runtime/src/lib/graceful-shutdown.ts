import { INestApplication, Injectable, Logger } from '@nestjs/common';
import { BusServer, InFlight, withDeadline } from '@commontrace/messaging';
import { AppEnv } from '@commontrace/util-config';
import type { Server, ServerResponse } from 'node:http';
import { constants } from 'node:os';

/** The two durations of a graceful shutdown (SHUTDOWN_DRAIN_DELAY_MS, SHUTDOWN_TIMEOUT_MS). */
export interface DrainSettings {
  /** Readiness answers 503 `draining` this long while the process still serves. */
  drainDelayMs: number;
  /** Then requests under way may take this long to finish; the rest are cut. */
  timeoutMs: number;
}

export function drainSettings(env: Pick<AppEnv, 'SHUTDOWN_DRAIN_DELAY_MS' | 'SHUTDOWN_TIMEOUT_MS'>): DrainSettings {
  return { drainDelayMs: env.SHUTDOWN_DRAIN_DELAY_MS, timeoutMs: env.SHUTDOWN_TIMEOUT_MS };
}

/** The exit status of a process stopped by a second signal before it finished draining (as a shell reports a killed one). */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/**
 * The HTTP side of a drain. Once closing: the server accepts no new connection, idle keep-alive
 * connections are closed at once, and every response still to be written says `Connection: close`,
 * so that each connection ends with its last response; after `timeoutMs` the rest are cut.
 */
export class HttpDrain {
  private readonly responses = new Set<ServerResponse>();
  private readonly requests = new InFlight();
  private closing = false;

  constructor(private readonly server: Server) {
    // First, so that the header is set before any handler can start writing.
    server.prependListener('request', (_req, res: ServerResponse) => {
      const done = this.requests.begin();
      this.responses.add(res);
      if (this.closing) this.endKeepAlive(res);
      res.once('close', () => {
        this.responses.delete(res);
        done();
        // Its connection may now be idle (a response whose headers went out before the drain began).
        if (this.closing) setImmediate(() => this.server.closeIdleConnections());
      });
    });
  }

  /** HTTP requests being answered. */
  get inFlight(): number {
    return this.requests.size;
  }

  /** Stops accepting and waits for the requests under way, for at most `timeoutMs`; returns how many were cut. */
  async close(timeoutMs: number): Promise<number> {
    this.closing = true;
    for (const res of this.responses) this.endKeepAlive(res);
    // server.close() stops listening and closes the idle connections; its callback runs once every connection has ended.
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if ((await withDeadline(Promise.all([closed, this.requests.idle()]), timeoutMs)) === 'done') return 0;
    const cut = this.requests.size;
    this.server.closeAllConnections();
    await closed;
    return cut;
  }

  private endKeepAlive(res: ServerResponse): void {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  }
}

/**
 * Whether the process is shutting down, and the drain itself: readiness answers 503 `draining`
 * from the first signal on (liveness stays up), then, after the drain delay, HTTP and the bus
 * request handlers stop taking requests and finish the ones they have.
 */
@Injectable()
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private http?: HttpDrain;
  private drainingSince?: Date;

  constructor(private readonly bus: BusServer) {}

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  /** The process's HTTP server, whose requests a drain waits for (startApp attaches it before listening). */
  attach(server: Server): void {
    this.http = new HttpDrain(server);
  }

  /** Runs the drain; afterwards nothing new reaches the process, and app.close() can run the shutdown hooks. */
  async drain(settings: DrainSettings): Promise<void> {
    this.drainingSince ??= new Date();
    this.logger.log(`draining: readiness answers 503; accepting requests for ${settings.drainDelayMs} ms more`);
    await new Promise((resolve) => setTimeout(resolve, settings.drainDelayMs));
    const inFlight = (this.http?.inFlight ?? 0) + this.bus.inFlight();
    this.logger.log(`no longer accepting; ${inFlight} request(s) under way get up to ${settings.timeoutMs} ms to finish`);
    const [httpCut, busCut] = await Promise.all([this.http?.close(settings.timeoutMs) ?? 0, this.bus.drain(settings.timeoutMs)]);
    if (httpCut + busCut > 0) this.logger.warn(`cut ${httpCut} HTTP and ${busCut} bus request(s) still under way after ${settings.timeoutMs} ms`);
  }
}

/**
 * How every serving process stops: on SIGTERM or SIGINT, drain (see GracefulShutdown), then close
 * the app (the shutdown hooks: outbox relay's last pass, consumers, connections) and exit 0; 1 if
 * closing failed. A second signal exits at once, with 128 + its number.
 */
export function handleShutdownSignals(app: INestApplication, settings: DrainSettings, exit: (code: number) => void = process.exit): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      return exit(exitCodeForSignal(signal));
    }
    stopping = true;
    logger.log(`${signal} received`);
    void (async () => {
      try {
        await app.get(GracefulShutdown).drain(settings);
        await app.close();
        logger.log('stopped');
        exit(0);
      } catch (error) {
        logger.error(`shutdown failed: ${(error as Error)?.stack ?? error}`);
        exit(1);
      }
    })();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
