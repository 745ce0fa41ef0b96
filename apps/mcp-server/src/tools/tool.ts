import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { GatewayClient } from '../gateway/gateway-client';
import { toolError } from './tool-error';

/** One MCP tool: its schemas, what it tells an agent, its hints, and what it does. */
export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: ToolAnnotations;
  run: (client: GatewayClient, args: z.output<I>) => Promise<{ text: string; structured: z.input<O> }>;
}

export function defineTool<I extends z.ZodType, O extends z.ZodObject>(tool: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return tool;
}

/** Runs a tool: its answer as text plus structuredContent, any failure as an isError result. */
export async function runTool(tool: ToolDefinition, client: GatewayClient, args: unknown): Promise<CallToolResult> {
  try {
    const { text, structured } = await tool.run(client, args);
    return { content: [{ type: 'text', text }], structuredContent: structured as Record<string, unknown> };
  } catch (error) {
    return toolError(error, tool.name);
  }
}
