import { Logger } from '@nestjs/common';
import { MessagingOptions } from '../messaging.options';
import { PeriodicWork } from './periodic-work';

class Counted extends PeriodicWork {
  runs = 0;
  active = 0;
  most = 0;
  prepared = 0;
  failures = 0;
  readonly warnings: string[] = [];
  readonly notes: string[] = [];
  release: (() => void) | null = null;

  constructor(consumers: boolean, runAtStart: boolean) {
    const logger = new Logger('spec');
    super({ consumers } as MessagingOptions, { what: 'counting', intervalMs: 5, runAtStart, logger });
    jest.spyOn(logger, 'warn').mockImplementation((message: unknown) => void this.warnings.push(String(message)));
    jest.spyOn(logger, 'log').mockImplementation((message: unknown) => void this.notes.push(String(message)));
  }

  protected override async prepare(): Promise<void> {
    this.prepared += 1;
  }

  protected async run(): Promise<void> {
    this.runs += 1;
    this.active += 1;
    this.most = Math.max(this.most, this.active);
    try {
      if (this.failures > 0) {
        this.failures -= 1;
        throw new Error('boom');
      }
      await new Promise<void>((resolve) => (this.release = resolve));
    } finally {
      this.active -= 1;
    }
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('PeriodicWork', () => {
  it('does nothing where the event consumers do not run (one-off commands)', async () => {
    const work = new Counted(false, true);
    await work.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect({ prepared: work.prepared, runs: work.runs }).toEqual({ prepared: 0, runs: 0 });
    await work.beforeApplicationShutdown();
  });

  it('prepares once, runs one at a time, logs a failure once while it repeats and runs again, and shutdown waits for the run under way', async () => {
    const work = new Counted(true, true);
    work.failures = 3;
    await work.onApplicationBootstrap();
    expect(work.prepared).toBe(1);
    await until(() => work.release !== null);
    expect(work.warnings).toEqual(['counting failed: boom']);
    // Ticks while a run is under way start nothing.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(work.most).toBe(1);
    const runs = work.runs;
    let stopped = false;
    const stopping = work.beforeApplicationShutdown().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    work.release?.();
    await stopping;
    expect(work.notes).toEqual(['counting works again']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(work.runs).toBe(runs);
  });

  it('waits for the first interval when it does not run at start', async () => {
    const work = new Counted(true, false);
    await work.onApplicationBootstrap();
    expect(work.runs).toBe(0);
    await until(() => work.runs === 1);
    work.release?.();
    await work.beforeApplicationShutdown();
  });
});
