import { spawn } from 'node:child_process';
import { renderContext, SurfacedTrace } from './context';
import { contribute, previewDraft, readDraft } from './contribute';
import { saveConfig, DEFAULTS } from './config';
import { detectEnvironment, projectReader } from './environment';
import { qualityProblems } from './quality';
import { redact } from './redact';
import { createRuntime, ensureKey } from './runtime';
import { draftFile, latestState, loadState, saveState, SessionState } from './state';
import { VERIFICATION_OUTCOMES } from './verification-outcomes';

const COMMAND_BUDGET_MS = 10_000;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function positional(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--')) {
      if (!['--confirm'].includes(args[i])) i += 1;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}

function sessionOf(args: string[], stateDir: string): SessionState | null {
  const id = option(args, 'session');
  return id ? loadState(stateDir, id, process.cwd()) : latestState(stateDir, process.cwd());
}

/** `search <words…>`: the query redacted, the results fenced as data. */
async function search(args: string[]): Promise<string> {
  const rt = createRuntime(COMMAND_BUDGET_MS);
  const q = redact(positional(args).join(' '), rt.identity).text.slice(0, 2000);
  if (!q.trim()) return 'Usage: search <what you are looking for, or the error text>';
  if (!(await ensureKey(rt))) return `CommonTrace: no server at ${rt.settings.api_url} answered.`;
  const res = await rt.client.call<{ results: SurfacedTrace[] }>('POST', '/api/v1/traces/search', { q, limit: 5, context: detectEnvironment(projectReader(process.cwd())) });
  if (!res.ok) return `CommonTrace: the search failed (${res.status}${res.code ? ` ${res.code}` : ''}).`;
  const rendered = renderContext(res.body.results, `search results for "${q.slice(0, 80)}".`, 2000);
  const state = sessionOf(args, rt.paths.stateDir);
  if (rendered && state) {
    state.surfaced.push(...rendered.shown.map((t) => ({ trace_id: t.id, title: t.title, signature: null, at: Date.now() })));
    saveState(rt.paths.stateDir, state);
  }
  return rendered?.text ?? 'CommonTrace: no trace matched.';
}

/** `contribute [--draft file] [--confirm]`: the preview and the quality report; with --confirm, post. */
async function contributeCommand(args: string[]): Promise<string> {
  const rt = createRuntime(COMMAND_BUDGET_MS);
  const state = sessionOf(args, rt.paths.stateDir);
  const file = option(args, 'draft') ?? (state ? draftFile(rt.paths.stateDir, state.session_id) : undefined);
  if (!file) return 'CommonTrace: no draft. Write one as JSON {"title","context_text","solution_text","tags"} and pass --draft <file>.';
  const draft = readDraft(file, rt);
  if (!draft) return `CommonTrace: no readable draft at ${file}.`;
  const problems = qualityProblems(draft);
  const preview = `${previewDraft(draft)}\n\n${problems.length ? `Quality: ${problems.join('; ')}.` : 'Quality: passes the floor.'}`;
  if (!args.includes('--confirm')) return `Preview of what would be sent (after redaction); nothing was posted:\n\n${preview}`;
  const result = await contribute(draft, rt, state, { requireFloor: false });
  if (state) saveState(rt.paths.stateDir, state);
  if (result.posted) return `CommonTrace: contributed trace ${result.id}.`;
  if (result.reason === 'duplicate') return `CommonTrace: not posted, it duplicates trace ${result.existing_id ?? 'on the server'}; vote on or amend that one instead.`;
  if (result.reason === 'refused') return `CommonTrace: the server refused it (${result.status}${result.code ? ` ${result.code}` : ''}).`;
  return 'CommonTrace: not posted (no API key could be had).';
}

/** `verify <trace-id> <outcome> [--changes text]`. */
async function verify(args: string[]): Promise<string> {
  const [traceId, outcome] = positional(args);
  if (!traceId || !(VERIFICATION_OUTCOMES as readonly string[]).includes(outcome)) return `Usage: verify <trace-id> <${VERIFICATION_OUTCOMES.join('|')}> [--changes "what you changed"]`;
  const rt = createRuntime(COMMAND_BUDGET_MS);
  const changes = option(args, 'changes');
  if (outcome === 'worked_with_changes' && !changes) return 'CommonTrace: worked_with_changes needs --changes "what you changed".';
  if (!(await ensureKey(rt))) return `CommonTrace: no server at ${rt.settings.api_url} answered.`;
  const environment = detectEnvironment(projectReader(process.cwd()));
  const body = { outcome, environment, ...(changes ? { changes: redact(changes, rt.identity).text } : {}) };
  const res = await rt.client.call('POST', `/api/v1/traces/${encodeURIComponent(traceId)}/verifications`, body);
  const state = sessionOf(args, rt.paths.stateDir);
  if (state) {
    state.sent.push({ kind: 'verification', trace_id: traceId, outcome, environment, ok: res.ok, status: res.status, at: Date.now() });
    saveState(rt.paths.stateDir, state);
  }
  return res.ok ? `CommonTrace: recorded ${outcome} for trace ${traceId}.` : `CommonTrace: the verification failed (${res.status}${res.code ? ` ${res.code}` : ''}).`;
}

/** `status`: key, server, settings, and what this session surfaced and sent. */
async function status(args: string[]): Promise<string> {
  const rt = createRuntime(3000);
  const key = rt.settings.api_key ? `${rt.settings.api_key.slice(0, 9)}… (${process.env['COMMONTRACE_API_KEY'] ? 'COMMONTRACE_API_KEY' : rt.paths.configFile})` : 'none yet (registered on first use)';
  const health = await rt.client.call('GET', '/health/live');
  const state = sessionOf(args, rt.paths.stateDir);
  const s = rt.settings;
  const lines = [
    `Server: ${s.api_url} (${health.ok ? 'up' : `not reachable: ${health.status}`})`,
    `Key: ${key}`,
    `Settings: inject_context=${s.inject_context} (budget ${s.context_token_budget} tokens), search_on_failure=${s.search_on_failure}, auto_verify=${s.auto_verify}, suggest_contribution=${s.suggest_contribution}, auto_contribute=${s.auto_contribute}`,
  ];
  if (!state) return [...lines, 'No session recorded yet in this directory.'].join('\n');
  lines.push(`Session ${state.session_id}:`);
  lines.push(`  Surfaced (${state.surfaced.length}): ${state.surfaced.map((t) => `${t.trace_id} "${t.title}"${t.signature ? ` for ${t.signature}` : ''}`).join('; ') || 'none'}`);
  lines.push(`  Sent (${state.sent.length}):`);
  for (const x of state.sent) {
    lines.push(
      x.kind === 'verification'
        ? `    verification ${x.outcome} of ${x.trace_id}${x.signature ? ` (signature ${x.signature})` : ''}, environment ${JSON.stringify(x.environment ?? {})}: ${x.ok ? 'recorded' : `failed (${x.status})`}`
        : `    contribution ${x.trace_id}: ${x.ok ? 'stored' : `failed (${x.status})`}`,
    );
  }
  if (!state.sent.length) lines.push('    nothing');
  return lines.join('\n');
}

/** `config <key> <value>`: change a setting in the config file. */
function config(args: string[]): string {
  const [key, value] = positional(args);
  const rt = createRuntime(0);
  if (!key) return JSON.stringify({ ...rt.settings, api_key: rt.settings.api_key ? '(set)' : undefined }, null, 2);
  if (!(key in DEFAULTS)) return `Unknown setting ${key}; known: ${Object.keys(DEFAULTS).join(', ')}`;
  const current = DEFAULTS[key as keyof typeof DEFAULTS];
  const parsed = typeof current === 'boolean' ? !/^(?:0|false|no|off)$/i.test(value ?? '') : typeof current === 'number' ? Number(value) : value;
  if (typeof parsed === 'number' && !Number.isFinite(parsed)) return `${key} must be a number`;
  saveConfig(rt.paths.configFile, { [key]: parsed });
  return `CommonTrace: ${key} = ${String(parsed)} (in ${rt.paths.configFile})`;
}

/** `mcp`: starts the CommonTrace MCP server over stdio with this plugin's server URL and key. */
async function mcp(): Promise<string> {
  const rt = createRuntime(5000);
  await ensureKey(rt);
  const command = process.env['COMMONTRACE_MCP_COMMAND'] || 'commontrace-mcp';
  const [bin, ...rest] = command.split(' ');
  const child = spawn(bin, rest, {
    stdio: 'inherit',
    env: { ...process.env, COMMONTRACE_API_URL: rt.settings.api_url, ...(rt.client.apiKey ? { COMMONTRACE_API_KEY: rt.client.apiKey } : {}) },
  });
  await new Promise<void>((resolve) => {
    child.on('exit', (code) => {
      process.exitCode = code ?? 0;
      resolve();
    });
    child.on('error', (error) => {
      process.stderr.write(`commontrace: cannot start ${bin} (${error.message}); install the MCP server or set COMMONTRACE_MCP_COMMAND\n`);
      process.exitCode = 1;
      resolve();
    });
  });
  return '';
}

export const COMMANDS: Record<string, (args: string[]) => Promise<string> | string> = {
  search,
  contribute: contributeCommand,
  verify,
  status,
  config,
  mcp,
};
