import { mcpScenarios } from './support/mcp.scenarios';
import { removeDir, Stack, startAllInOne, startMicroservices } from './support/stack';

describe('MCP server against the microservices mode', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startMicroservices();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  mcpScenarios(
    () => stack,
    () => ({ stop: () => stack.stopService('gateway'), start: () => stack.startService('gateway') }),
  );
});

describe('MCP server against the all-in-one mode', () => {
  let stack: Stack & { dataDir: string };
  let port = 0;
  beforeAll(async () => {
    stack = await startAllInOne();
    port = Number(new URL(stack.baseUrl).port);
  });
  afterAll(async () => {
    await stack?.stop();
    if (stack) removeDir(stack.dataDir);
  });

  // "Stopping the gateway" here stops the one process, and starts it again on its port with its data.
  mcpScenarios(
    () => stack,
    () => ({
      stop: () => stack.stop(),
      start: async () => {
        stack = await startAllInOne(stack.dataDir, port);
      },
    }),
  );
});
