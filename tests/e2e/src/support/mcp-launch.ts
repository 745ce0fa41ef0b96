import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';

export const REPO_ROOT = resolve(__dirname, '../../../..');
/** The path the README's configurations name; the specs run the same entry from source (the build comes last in CI). */
export const DOCUMENTED_MAIN = '/path/to/commontrace/dist/apps/mcp-server/main.js';
const SOURCE_MAIN = join(REPO_ROOT, 'apps/mcp-server/src/main.ts');
const TS_RUN = ['-r', '@swc-node/register'];
const TS_ENV = { SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.base.json') };

/** `node <documented main.js> …` as the command that runs it here. */
export function runnable(command: string, args: string[]): { command: string; args: string[]; env: Record<string, string> } {
  if (command !== 'node' || args[0] !== DOCUMENTED_MAIN) throw new Error(`unexpected command ${command} ${args.join(' ')}`);
  return { command: process.execPath, args: [...TS_RUN, SOURCE_MAIN, ...args.slice(1)], env: TS_ENV };
}

export interface Connected {
  client: Client;
  close: () => Promise<void>;
}

export async function connectStdio(command: string, args: string[], env: Record<string, string>): Promise<Connected> {
  const run = runnable(command, args);
  const transport = new StdioClientTransport({
    command: run.command,
    args: run.args,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...run.env, ...env },
    cwd: REPO_ROOT,
    stderr: 'inherit',
  });
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(transport);
  return { client, close: () => client.close() };
}

export async function connectHttp(url: string, headers: Record<string, string>): Promise<Connected> {
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return { client, close: () => client.close() };
}

/** The HTTP transport as its own process; resolves once it prints where it listens. */
export async function startHttpServer(env: Record<string, string>, args: string[] = [DOCUMENTED_MAIN]): Promise<{ url: string; stop: () => Promise<void> }> {
  const run = runnable('node', args);
  const child: ChildProcess = spawn(run.command, run.args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...run.env, PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the MCP server did not start: ${seen}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /listening on (http:\/\/\S+)\/mcp/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the MCP server exited with ${code}: ${seen}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A tool's answer; `error` holds the fields of an isError result (its last text block is their JSON). */
export type ToolAnswer = CallToolResult & { structuredContent?: any; error?: any };

export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const answer = (await client.callTool({ name, arguments: args })) as ToolAnswer;
  if (answer.isError) {
    const last = answer.content[answer.content.length - 1];
    try {
      answer.error = last?.type === 'text' ? JSON.parse(last.text).error : undefined;
    } catch {
      answer.error = undefined;
    }
  }
  return answer;
}

export const textOf = (answer: ToolAnswer) => answer.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

// ---- the README's configurations ----

function readmeSection(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Connecting an agent');
  if (start < 0) throw new Error('README has no "Connecting an agent" section');
  const end = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The fenced code blocks under a `#### <host>` heading, in order. */
export function documentedBlocks(host: string): string[] {
  const section = readmeSection();
  const start = section.indexOf(`#### ${host}\n`);
  if (start < 0) throw new Error(`README has no configuration for ${host}`);
  const next = section.indexOf('\n#### ', start + 5);
  const part = section.slice(start, next < 0 ? undefined : next);
  return [...part.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1].trim());
}

export const documentedJson = (host: string) => JSON.parse(documentedBlocks(host)[0]);
export const documentedToml = (host: string) => parseToml(documentedBlocks(host)[0]) as Record<string, any>;

/** Shell words of one command line (double and single quotes; no expansions). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

/** `claude mcp add [--transport t] [--env K=V]… [--header "K: V"]… <name> <commandOrUrl> [-- command args…]` */
export function parseClaudeMcpAdd(line: string) {
  const words = shellWords(line);
  if (words.slice(0, 3).join(' ') !== 'claude mcp add') throw new Error(`not a claude mcp add command: ${line}`);
  const env: Record<string, string> = {};
  const headers: Record<string, string> = {};
  let transport = 'stdio';
  const positional: string[] = [];
  let i = 3;
  for (; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (w === '--transport' || w === '-t') transport = words[++i];
    else if (w === '--env' || w === '-e') {
      const [k, ...v] = words[++i].split('=');
      env[k] = v.join('=');
    } else if (w === '--header' || w === '-H') {
      const [k, ...v] = words[++i].split(':');
      headers[k.trim()] = v.join(':').trim();
    } else positional.push(w);
  }
  const command = words.slice(i + 1);
  return { transport, env, headers, name: positional[0], url: positional[1], command: command[0], args: command.slice(1) };
}

/** `K=V … node main.js` lines of the generic section. */
export function parseEnvCommand(line: string) {
  const words = shellWords(line);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [k, ...v] = (words.shift() as string).split('=');
    env[k] = v.join('=');
  }
  return { env, command: words[0], args: words.slice(1) };
}

/** Replaces the documented placeholders with the running stack's values. */
export function substitute<T>(value: T, values: { apiUrl: string; mcpUrl?: string; key: string }): T {
  return JSON.parse(
    JSON.stringify(value)
      .split('http://localhost:3000')
      .join(values.apiUrl)
      .split('http://localhost:3005')
      .join(values.mcpUrl ?? 'http://localhost:3005')
      .split('ct_YOUR_KEY')
      .join(values.key)
      .split('${input:commontrace-key}')
      .join(values.key),
  );
}
