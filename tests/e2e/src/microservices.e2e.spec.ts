import { firstFlowScenarios } from './support/first-flow.scenarios';
import { Stack, startMicroservices } from './support/stack';

describe('microservices mode: gateway and services over NATS, PostgreSQL with pgvector', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startMicroservices();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  firstFlowScenarios(() => stack);
});
