import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo, createServer as createTcpServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The committed bundle, as an installed plugin runs it. */
export const PLUGIN_BUNDLE = resolve(__dirname, '../../../../apps/claude-plugin/dist/commontrace.cjs');

export interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The JSON the hook printed, or null when it printed nothing. */
  output: Record<string, any> | null;
  ms: number;
}

/** Runs a hook the way Claude Code does: `node … hook <name>`, the event's JSON on stdin. */
export function runHook(name: string, input: Record<string, unknown>, env: Record<string, string>): Promise<HookRun> {
  return runPlugin(['hook', name], env, JSON.stringify(input));
}

/** Runs a plugin command (`search`, `status`, …) in `cwd`, where Claude Code runs a slash command's shell. */
export function runPlugin(args: string[], env: Record<string, string>, stdin = '', cwd?: string, bundle = PLUGIN_BUNDLE): Promise<HookRun> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const text = stdout.trim();
      let output: Record<string, any> | null = null;
      if (text && args[0] === 'hook') output = JSON.parse(text);
      resolvePromise({ code, stdout, stderr, output, ms: Date.now() - started });
    });
    child.stdin.end(stdin);
  });
}

/** A plugin's own user directories: config, session state, and a project directory. */
export function pluginHome(projectFiles: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'ct-plugin-'));
  const project = join(root, 'project');
  require('node:fs').mkdirSync(project);
  for (const [name, content] of Object.entries(projectFiles)) writeFileSync(join(project, name), content);
  return {
    root,
    project,
    configDir: join(root, 'config'),
    stateDir: join(root, 'state'),
    env(apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
      return { HOME: root, COMMONTRACE_API_URL: apiUrl, COMMONTRACE_CONFIG_DIR: join(root, 'config'), COMMONTRACE_STATE_DIR: join(root, 'state'), ...extra };
    },
  };
}

export interface Recorded {
  method: string;
  path: string;
  body: string;
  headers: IncomingMessage['headers'];
}

/** A proxy in front of the API that records every request the plugin makes: what left the machine. */
export async function recordingProxy(target: string): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: req.method ?? '', path: req.url ?? '', body, headers: req.headers });
    const headers: Record<string, string> = {};
    for (const h of ['content-type', 'x-api-key', 'accept']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string;
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body || undefined });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A server that accepts connections and never answers: a hung CommonTrace. */
export async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port with nothing listening: CommonTrace is down. */
export async function closedPortUrl(): Promise<string> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

/** The documented input of each event, with the fields every hook gets. */
export function hookInput(event: string, sessionId: string, cwd: string, fields: Record<string, unknown> = {}) {
  return { session_id: sessionId, transcript_path: join(cwd, '..', `${sessionId}.jsonl`), cwd, permission_mode: 'default', hook_event_name: event, ...fields };
}
