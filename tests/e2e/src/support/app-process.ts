import { freePort, waitFor } from '@commontrace/util-testing';
import { ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../../..');

/** A GET on a new connection of its own (no keep-alive pool): what a load balancer's probe does. */
export function probe(port: number, path: string): Promise<{ status: number; body: any }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.once('error', fail);
    req.end();
  });
}

/** One app (apps/<name>/src/main.ts) as its own process, run from source as its main.ts runs in production. */
export interface AppProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has exited and all it wrote has been read. */
  exited: Promise<number | NodeJS.Signals>;
  output: () => string;
  kill: () => void;
}

export async function startAppProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, `apps/${name}/src/main.ts`)], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.base.json'),
      LOG_LEVEL: 'info',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  child.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (seen += chunk.toString()));
  // 'close', not 'exit': 'exit' can come before the last of stdout and stderr has been read, and
  // a spec that looks at output() after the exit would miss the final lines.
  const exited = new Promise<number | NodeJS.Signals>((done) => child.once('close', (code, signal) => done(code ?? (signal as NodeJS.Signals))));
  const app: AppProcess = {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => seen,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  try {
    await waitFor(async () => child.exitCode === null && (await probe(port, '/health/ready')).status === 200, {
      what: `${name} to be ready`,
      timeoutMs: 60_000,
      intervalMs: 250,
    });
  } catch (error) {
    app.kill();
    throw new Error(`${(error as Error).message}\n${seen}`);
  }
  return app;
}
