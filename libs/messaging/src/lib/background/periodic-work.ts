import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MessagingOptions } from '../messaging.options';

/**
 * Work that a running service repeats in the background every `intervalMs`, one run at a time
 * (a tick while a run is under way is skipped). Only where the service's event consumers run, so
 * never in one-off commands. A failed run is logged as a warning and the next tick tries again;
 * while it keeps failing the same way it is not logged again (a short interval would flood the
 * log during a database outage), and the first run that succeeds after it says so.
 * Shutdown stops the timer and waits for the run under way, before any connection closes.
 */
export abstract class PeriodicWork implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  /** The message of the failure last logged, while runs keep failing. */
  private failing: string | null = null;

  protected constructor(
    private readonly messaging: MessagingOptions,
    private readonly settings: { what: string; intervalMs: number; runAtStart: boolean; logger: Logger },
  ) {}

  /** One run of the work. */
  protected abstract run(): Promise<unknown>;

  /** What the service does once before the first run (nothing by default). */
  protected async prepare(): Promise<void> {
    return undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.messaging.consumers) return;
    await this.prepare();
    this.timer = setInterval(() => this.tick(), this.settings.intervalMs);
    this.timer.unref();
    if (this.settings.runAtStart) setImmediate(() => this.tick());
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running || !this.timer) return;
    const { what, logger } = this.settings;
    this.running = this.run()
      .then(() => {
        if (this.failing !== null) logger.log(`${what} works again`);
        this.failing = null;
      })
      .catch((error) => {
        const message = (error as Error)?.message ?? String(error);
        if (message !== this.failing) logger.warn(`${what} failed: ${message}`);
        this.failing = message;
      })
      .finally(() => (this.running = undefined));
  }
}
