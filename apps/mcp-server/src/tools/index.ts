import { contributeTraceTool } from './contribute-trace.tool';
import { amendTraceTool, flagTraceTool, linkTracesTool } from './curation.tools';
import { getReputationTool, listTagsTool } from './directory.tools';
import { getTraceTool } from './get-trace.tool';
import { searchTracesTool } from './search-traces.tool';
import { verifyTraceTool, voteTraceTool } from './signal.tools';
import type { ToolDefinition } from './tool';

/** Every tool the server offers, in the order of the loop: find, read, share, judge, curate, look up. */
export const TOOLS = [
  searchTracesTool,
  getTraceTool,
  contributeTraceTool,
  voteTraceTool,
  verifyTraceTool,
  amendTraceTool,
  linkTracesTool,
  flagTraceTool,
  listTagsTool,
  getReputationTool,
] as unknown as ToolDefinition[];
