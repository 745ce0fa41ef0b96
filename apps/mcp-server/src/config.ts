import type { BreakerSettings } from './gateway/breakers';
import { stripTrailingSlashes } from './gateway/gateway-client';

export interface McpConfig {
  transport: 'stdio' | 'http';
  /** The gateway's base URL; the REST API is under /api/v1. */
  apiUrl: string;
  /** The key of the stdio transport (HTTP clients send their own). */
  apiKey?: string;
  host: string;
  /** Host names the HTTP transport accepts in the Host header (DNS-rebinding protection); on a loopback host, loopback names only. */
  allowedHosts?: string[];
  port: number;
  timeoutMs: number;
  retries: number;
  breaker: BreakerSettings;
  logLevel: string;
}

export class McpConfigError extends Error {}

function int(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new McpConfigError(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  return Number(raw);
}

/** The settings of one server process, from its environment and arguments (`--http` picks the HTTP transport). */
export function readConfig(env: Record<string, string | undefined>, argv: string[] = []): McpConfig {
  const unknown = argv.filter((a) => a !== '--http' && a !== '--stdio');
  if (unknown.length) throw new McpConfigError(`unknown argument ${JSON.stringify(unknown[0])} (known: --stdio, --http)`);
  const transport = argv.includes('--http') ? 'http' : argv.includes('--stdio') ? 'stdio' : (env['MCP_TRANSPORT'] ?? 'stdio');
  if (transport !== 'stdio' && transport !== 'http') throw new McpConfigError(`MCP_TRANSPORT must be stdio or http (got ${JSON.stringify(transport)})`);
  const apiUrl = env['COMMONTRACE_API_URL'] || 'http://localhost:3000';
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new McpConfigError(`COMMONTRACE_API_URL must be an http(s) URL (got ${JSON.stringify(apiUrl)})`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new McpConfigError(`COMMONTRACE_API_URL must be an http(s) URL (got ${JSON.stringify(apiUrl)})`);
  const failures = int(env, 'MCP_BREAKER_FAILURES', 5, 1, 1000);
  return {
    transport,
    apiUrl: stripTrailingSlashes(stripTrailingSlashes(apiUrl).replace(/\/api\/v1$/, '')),
    apiKey: env['COMMONTRACE_API_KEY'] || undefined,
    host: env['MCP_HOST'] || '127.0.0.1',
    allowedHosts: env['MCP_ALLOWED_HOSTS'] ? env['MCP_ALLOWED_HOSTS'].split(',').map((h) => h.trim()).filter(Boolean) : undefined,
    port: int(env, 'PORT', 3005, 0, 65535),
    timeoutMs: int(env, 'MCP_GATEWAY_TIMEOUT_MS', 10_000, 100, 600_000),
    retries: int(env, 'MCP_GATEWAY_RETRIES', 1, 0, 5),
    breaker: {
      volumeThreshold: failures,
      errorThresholdPercentage: 50,
      resetTimeoutMs: int(env, 'MCP_BREAKER_RESET_MS', 10_000, 10, 3_600_000),
      rollingWindowMs: 30_000,
      maxKeys: 10_000,
    },
    logLevel: env['LOG_LEVEL'] || 'info',
  };
}
