import { homedir, userInfo } from 'node:os';
import { CommonTraceClient } from './client';
import { loadSettings, paths, Paths, saveConfig, Settings } from './config';
import { Identity } from './redact';

/** What every hook and command works with. */
export interface Runtime {
  settings: Settings;
  paths: Paths;
  identity: Identity;
  client: CommonTraceClient;
  notices: string[];
}

function identity(): Identity {
  let user = '';
  try {
    user = userInfo().username;
  } catch {
    user = process.env['USER'] ?? '';
  }
  return { home: homedir(), user };
}

export function createRuntime(budgetMs: number, env: NodeJS.ProcessEnv = process.env): Runtime {
  const p = paths(env);
  const settings = loadSettings(env, p.configFile);
  return { settings, paths: p, identity: identity(), client: new CommonTraceClient(settings.api_url, settings.api_key, Date.now() + budgetMs), notices: [] };
}

/**
 * The API key: COMMONTRACE_API_KEY, else the one in the config file, else a new one registered
 * now (POST /api/v1/keys) and stored in the config file (0600). False when none can be had.
 */
export async function ensureKey(rt: Runtime): Promise<boolean> {
  if (rt.client.apiKey) return true;
  const res = await rt.client.call<{ api_key: string; contributor_id: string }>('POST', '/api/v1/keys', { name: 'claude-code-plugin' });
  if (!res.ok || typeof res.body?.api_key !== 'string') return false;
  saveConfig(rt.paths.configFile, { api_key: res.body.api_key, api_url: rt.settings.api_url });
  rt.client.apiKey = res.body.api_key;
  rt.notices.push(`CommonTrace: registered an API key for this machine (stored in ${rt.paths.configFile}).`);
  return true;
}
