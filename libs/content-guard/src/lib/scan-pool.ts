import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ScreenRequest, ScreenResult } from '@commontrace/domain-scanning';
import type { ScanTask } from './scan.worker';

/** Thrown when a request's scan ran past its budget; its worker has been stopped and replaced. */
export class OverBudgetError extends Error {
  override readonly name = 'OverBudgetError';
}

function workspaceRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) return dir;
  }
  throw new Error(`No tsconfig.base.json above ${from}`);
}

/**
 * Where the worker comes from: `scan.worker.js` beside the running file (the webpack bundle has
 * it as its own entry), or, when this file runs as TypeScript (Jest, tools), the source itself
 * with its types stripped.
 */
function workerOptions(): { filename: string; execArgv?: string[]; env?: Record<string, string | undefined> } {
  if (!__filename.endsWith('.ts')) return { filename: join(__dirname, 'scan.worker.js') };
  const root = workspaceRoot(__dirname);
  // sucrase only strips the types, in plain JavaScript (swc's native addon can crash when several
  // worker threads load it); tsconfig-paths resolves the workspace's path aliases.
  return {
    filename: join(__dirname, 'scan.worker.ts'),
    execArgv: ['--require', join(root, 'node_modules/sucrase/register/ts'), '--require', join(root, 'node_modules/tsconfig-paths/register')],
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.base.json') },
  };
}

/**
 * Runs the secret scan and PII redaction in worker threads, off the event loop, each request
 * within a time budget. The budget starts when a worker takes the request (not while it waits
 * in the queue). Over it, the worker is terminated, which interrupts even a regular expression
 * in the middle of a match, and piscina starts a fresh one.
 */
export class ScanPool {
  private readonly pool: Piscina<ScanTask, ScreenResult>;

  constructor(private readonly budgetMs: number) {
    this.pool = new Piscina<ScanTask, ScreenResult>({
      ...workerOptions(),
      minThreads: 1,
      maxThreads: Math.max(1, availableParallelism()),
      idleTimeout: 60_000,
    });
  }

  async run(request: ScreenRequest): Promise<ScreenResult> {
    const { port1: started, port2: startedInWorker } = new MessageChannel();
    const overBudget = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    started.once('message', () => (timer = setTimeout(() => overBudget.abort(), this.budgetMs)));
    try {
      return await this.pool.run({ request, started: startedInWorker }, { transferList: [startedInWorker], signal: overBudget.signal });
    } catch (error) {
      if (overBudget.signal.aborted) throw new OverBudgetError(`The scan took longer than ${this.budgetMs} ms`);
      throw error;
    } finally {
      clearTimeout(timer);
      started.close();
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
