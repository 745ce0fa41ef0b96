import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { GatewayClient } from '../gateway/gateway-client';
import { TOOLS } from '../tools';
import { runTool } from '../tools/tool';
import { SERVER_INSTRUCTIONS } from './instructions';
import type { McpMetrics } from './metrics';

export const SERVER_INFO = { name: 'commontrace', version: '1.0.0' };

/** An MCP server whose tools reach the gateway through this client (one per stdio process, one per HTTP request). */
export function buildServer(client: GatewayClient, metrics?: McpMetrics): McpServer {
  const server = new McpServer(SERVER_INFO, { instructions: SERVER_INSTRUCTIONS, capabilities: { tools: {} } });
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema, annotations: tool.annotations },
      async (args: unknown) => {
        const result = await runTool(tool, client, args);
        metrics?.toolCalls.inc({ tool: tool.name, outcome: result.isError ? 'error' : 'ok' });
        return result;
      },
    );
  }
  return server;
}
