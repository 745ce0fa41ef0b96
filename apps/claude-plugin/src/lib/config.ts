import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The user's settings (config.json in the config directory), each overridable by an environment variable. */
export interface Settings {
  api_url: string;
  api_key?: string;
  /** SessionStart: inject traces that fit the project. */
  inject_context: boolean;
  /** The most tokens SessionStart may inject. */
  context_token_budget: number;
  /** PostToolUse: search when a Bash command fails. */
  search_on_failure: boolean;
  /** Seconds before the same error signature is searched again in a session. */
  search_cooldown_seconds: number;
  /** Post a verification when a command that failed with a surfaced trace's error now passes. */
  auto_verify: boolean;
  /** Stop: suggest one contribution when the session solved a problem. */
  suggest_contribution: boolean;
  /** Post the agent's draft without asking, if it passes the quality floor and is not a duplicate. Off by default. */
  auto_contribute: boolean;
}

export const DEFAULTS: Omit<Settings, 'api_key'> = {
  api_url: 'http://localhost:3000',
  inject_context: true,
  context_token_budget: 600,
  search_on_failure: true,
  search_cooldown_seconds: 600,
  auto_verify: true,
  suggest_contribution: true,
  auto_contribute: false,
};

/** Where the plugin keeps its config and session state. */
export interface Paths {
  configFile: string;
  stateDir: string;
}

export function paths(env: NodeJS.ProcessEnv = process.env): Paths {
  const configDir = env['COMMONTRACE_CONFIG_DIR'] || join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'commontrace');
  const stateDir = env['COMMONTRACE_STATE_DIR'] || join(env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state'), 'commontrace');
  return { configFile: join(configDir, 'config.json'), stateDir };
}

const FLAGS: [keyof Settings, string][] = [
  ['inject_context', 'COMMONTRACE_INJECT_CONTEXT'],
  ['search_on_failure', 'COMMONTRACE_SEARCH_ON_FAILURE'],
  ['auto_verify', 'COMMONTRACE_AUTO_VERIFY'],
  ['suggest_contribution', 'COMMONTRACE_SUGGEST_CONTRIBUTION'],
  ['auto_contribute', 'COMMONTRACE_AUTO_CONTRIBUTE'],
];

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return !/^(?:0|false|no|off)$/i.test(value.trim());
}

function readJson(file: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** The settings: defaults, then config.json, then the environment (COMMONTRACE_*). */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, file = paths(env).configFile): Settings {
  const stored = readJson(file);
  const settings: Settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
    if (typeof stored[key] === typeof DEFAULTS[key as keyof typeof DEFAULTS]) (settings as unknown as Record<string, unknown>)[key] = stored[key];
  }
  if (typeof stored['api_key'] === 'string') settings.api_key = stored['api_key'];
  if (env['COMMONTRACE_API_URL']) settings.api_url = env['COMMONTRACE_API_URL'];
  if (env['COMMONTRACE_API_KEY']) settings.api_key = env['COMMONTRACE_API_KEY'];
  const budget = Number(env['COMMONTRACE_CONTEXT_TOKENS']);
  if (Number.isFinite(budget) && budget >= 0 && env['COMMONTRACE_CONTEXT_TOKENS']) settings.context_token_budget = budget;
  for (const [key, name] of FLAGS) {
    const v = flag(env[name]);
    if (v !== undefined) (settings as unknown as Record<string, unknown>)[key] = v;
  }
  while (settings.api_url.endsWith('/')) settings.api_url = settings.api_url.slice(0, -1);
  return settings;
}

/** Writes config.json readable by the user only (0600, its directory 0700), atomically. */
export function saveConfig(file: string, update: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const next = { ...readJson(file), ...update };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Whether the whole plugin is switched off (COMMONTRACE_DISABLED=1). */
export function disabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return flag(env['COMMONTRACE_DISABLED']) === true;
}
