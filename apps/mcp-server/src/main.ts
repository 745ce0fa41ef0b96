import pino from 'pino';
import { createLogger } from '@commontrace/util-observability';
import { McpConfigError, readConfig } from './config';
import { startHttp } from './server/http';
import { mcpMetrics } from './server/metrics';
import { startStdio } from './server/stdio';

// commontrace-mcp: CommonTrace's tools for MCP clients. stdio by default; --http (or
// MCP_TRANSPORT=http) serves streamable HTTP at /mcp. A client of the gateway's REST API.
async function main(): Promise<void> {
  try {
    const config = readConfig(process.env, process.argv.slice(2));
    // stdout belongs to the stdio transport: logs always go to stderr.
    const logger = createLogger('mcp-server', config.logLevel, pino.destination(2));
    const metrics = mcpMetrics();
    // A stray failure (a client gone mid-answer) is logged; it never takes the server down with it.
    process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
    if (config.transport === 'stdio') {
      await startStdio(config, metrics, logger);
      return;
    }
    const http = await startHttp(config, metrics, logger);
    logger.info({ url: `${http.url}/mcp`, gateway: config.apiUrl }, 'MCP server listening');
    process.stderr.write(`commontrace-mcp listening on ${http.url}/mcp\n`);
    const stop = () => void http.close().finally(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (error) {
    process.stderr.write(
      error instanceof McpConfigError ? `commontrace-mcp: ${error.message}\n` : `commontrace-mcp: failed to start: ${(error as Error)?.stack ?? error}\n`,
    );
    process.exit(1);
  }
}

void main();
