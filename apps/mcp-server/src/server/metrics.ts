import { counter, histogram, metricsRegistry } from '@commontrace/util-observability';

/** The MCP server's Prometheus metrics, beside the process defaults every service exposes. */
export const mcpMetrics = () => {
  metricsRegistry();
  return {
    toolCalls: counter('commontrace_mcp_tool_calls_total', 'MCP tool calls by tool and outcome (ok, error)', ['tool', 'outcome']),
    gatewaySeconds: histogram('commontrace_mcp_gateway_seconds', 'Gateway calls by route and outcome (HTTP status, timeout, unreachable)', ['route', 'outcome'], [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]),
    breakerTransitions: counter('commontrace_mcp_breaker_transitions_total', 'Circuit breaker state changes by new state', ['state']),
  };
};
export type McpMetrics = ReturnType<typeof mcpMetrics>;
