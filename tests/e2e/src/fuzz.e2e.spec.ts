import { fuzzScenarios } from './support/fuzz.scenarios';
import { removeDir, Stack, startAllInOne, startMicroservices } from './support/stack';

/** The fuzz scenarios against a stack of one mode, started for them and removed after. */
function fuzzMode(title: string, start: () => Promise<Stack & { dataDir?: string }>): void {
  describe(title, () => {
    let stack: Stack & { dataDir?: string };
    beforeAll(async () => {
      stack = await start();
    });
    afterAll(async () => {
      await stack?.stop();
      if (stack?.dataDir) removeDir(stack.dataDir);
    });
    fuzzScenarios(() => stack);
  });
}

// Bad input never gets a 5xx, in either deployment mode (the scenarios are written once).
describe('fuzzing every route', () => {
  fuzzMode('microservices mode: gateway and services over NATS, PostgreSQL', () => startMicroservices());
  fuzzMode('all-in-one mode: in-process transport, PGlite', () => startAllInOne());
});
