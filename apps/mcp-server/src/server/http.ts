import { hostHeaderValidation, localhostHostValidation } from '@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { metricsRegistry } from '@commontrace/util-observability';
import express, { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { McpConfig } from '../config';
import { BreakerRegistry } from '../gateway/breakers';
import { GatewayClient } from '../gateway/gateway-client';
import { apiKeyFrom } from './api-key';
import { buildServer } from './build-server';
import type { McpMetrics } from './metrics';

const READY_TIMEOUT_MS = 2000;
/** Larger than the largest tool call (a contribution of two 50,000-character texts, JSON-escaped). */
const BODY_LIMIT = '2mb';
const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

/**
 * Express with the SDK's DNS-rebinding protection on a loopback address (what createMcpExpressApp
 * does) and a JSON body limit that fits a whole contribution (its default is 100 KB); a body that
 * is too large or not JSON gets a JSON-RPC error, not an HTML page.
 */
function createApp(host: string, allowedHosts: string[] | undefined) {
  const app = express();
  app.disable('x-powered-by');
  if (allowedHosts?.length) app.use(hostHeaderValidation(allowedHosts));
  else if (LOOPBACK.includes(host)) app.use(localhostHostValidation());
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    if (error.type === 'entity.too.large') return rpcError(res, 413, `The request body is larger than ${BODY_LIMIT}`, -32600);
    return rpcError(res, 400, 'The request body is not valid JSON', -32700);
  });
  return app;
}

function rpcError(res: Response, status: number, message: string, code = -32001) {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}

/**
 * Streamable HTTP at /mcp, stateless: every POST gets its own server and transport, bound to the
 * key the client sent; the key's circuit breaker is shared by all its requests. Beside it, the
 * liveness, readiness (the gateway answers) and metrics routes every CommonTrace process serves.
 */
export async function startHttp(config: McpConfig, metrics: McpMetrics, logger: Logger): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const breakers = new BreakerRegistry(config.breaker, (state) => {
    metrics.breakerTransitions.inc({ state });
    logger.warn({ state }, 'circuit breaker toward the gateway changed state');
  });
  const app = createApp(config.host, config.allowedHosts);

  app.post('/mcp', async (req: Request, res: Response) => {
    const apiKey = apiKeyFrom(req.headers);
    if (!apiKey) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="commontrace"');
      return rpcError(res, 401, 'Send your CommonTrace API key in X-API-Key or Authorization: Bearer (POST /api/v1/keys on the gateway makes one)');
    }
    const client = new GatewayClient({
      baseUrl: config.apiUrl,
      apiKey,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      breakers,
      onAttempt: (route, outcome, seconds) => metrics.gatewaySeconds.observe({ route, outcome }, seconds),
    });
    const server = buildServer(client, metrics);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (error) {
      logger.error({ err: error }, 'MCP request failed');
      if (!res.headersSent) rpcError(res, 500, 'Internal error');
    }
  });
  const notAllowed = (_req: Request, res: Response) => {
    res.setHeader('Allow', 'POST');
    rpcError(res, 405, 'This server is stateless: POST JSON-RPC messages to /mcp');
  };
  app.get('/mcp', notAllowed);
  app.delete('/mcp', notAllowed);

  app.get('/health/live', (_req: Request, res: Response) => {
    res.json({ status: 'ok', info: {}, error: {}, details: {} });
  });
  app.get('/health/ready', async (_req: Request, res: Response) => {
    let up = false;
    let message = '';
    try {
      const answer = await fetch(`${config.apiUrl}/health/live`, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
      up = answer.ok;
      message = up ? '' : `the gateway answered ${answer.status}`;
    } catch {
      message = 'the gateway cannot be reached';
    }
    const gateway = up ? { status: 'up' } : { status: 'down', message };
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'error', info: up ? { gateway } : {}, error: up ? {} : { gateway }, details: { gateway } });
  });
  app.get('/metrics', async (_req: Request, res: Response) => {
    const registry = metricsRegistry();
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  return {
    server,
    url,
    close: async () => {
      breakers.shutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
