import { fuzzScenarios } from './support/fuzz.scenarios';
import { removeDir, Stack, startAllInOne, startMicroservices } from './support/stack';

// Bad input never gets a 5xx, in either deployment mode (the scenarios are written once).
describe('fuzzing every route', () => {
  describe('microservices mode: gateway and services over NATS, PostgreSQL', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startMicroservices();
    });
    afterAll(async () => {
      await stack?.stop();
    });
    fuzzScenarios(() => stack);
  });

  describe('all-in-one mode: in-process transport, PGlite', () => {
    let stack: Stack & { dataDir: string };
    beforeAll(async () => {
      stack = await startAllInOne();
    });
    afterAll(async () => {
      await stack?.stop();
      if (stack) removeDir(stack.dataDir);
    });
    fuzzScenarios(() => stack);
  });
});
