import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from 'pino';
import type { McpConfig } from '../config';
import { BreakerRegistry } from '../gateway/breakers';
import { GatewayClient } from '../gateway/gateway-client';
import { buildServer } from './build-server';
import type { McpMetrics } from './metrics';

/** One agent over stdin/stdout, with the key of COMMONTRACE_API_KEY; logs go to stderr. */
export async function startStdio(config: McpConfig, metrics: McpMetrics, logger: Logger): Promise<void> {
  if (!config.apiKey) logger.warn('COMMONTRACE_API_KEY is not set: every tool will answer that a key is needed');
  const breakers = new BreakerRegistry(config.breaker, (state) => {
    metrics.breakerTransitions.inc({ state });
    logger.warn({ state }, 'circuit breaker toward the gateway changed state');
  });
  const client = new GatewayClient({
    baseUrl: config.apiUrl,
    apiKey: config.apiKey,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    breakers,
    onAttempt: (route, outcome, seconds) => metrics.gatewaySeconds.observe({ route, outcome }, seconds),
  });
  const server = buildServer(client, metrics);
  const transport = new StdioServerTransport();
  transport.onclose = () => {
    breakers.shutdown();
  };
  await server.connect(transport);
  process.stdin.on('end', () => {
    breakers.shutdown();
    void server.close().finally(() => process.exit(0));
  });
}
