import { adminScenarios } from './support/admin.scenarios';
import { firstFlowScenarios } from './support/first-flow.scenarios';
import { idempotencyScenarios } from './support/idempotency.scenarios';
import { ingestRulesScenarios } from './support/ingest-rules.scenarios';
import { keyPepperScenarios } from './support/key-pepper.scenarios';
import { keysScenarios } from './support/keys.scenarios';
import { reputationScenarios } from './support/reputation.scenarios';
import { moderationScenarios } from './support/moderation.scenarios';
import { searchScenarios } from './support/search.scenarios';
import { signalsScenarios } from './support/signals.scenarios';
import { v1ClientScenarios } from './support/v1-client.scenarios';
import { wantedScenarios } from './support/wanted.scenarios';
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
  describe('ingest rules', () => ingestRulesScenarios(() => stack));
  describe('reputation and privileges', () => reputationScenarios(() => stack));
  describe('idempotency', () => idempotencyScenarios(() => stack, { concurrentTransactions: true }));
  describe('flags and moderation', () => moderationScenarios(() => stack));
  describe('votes, verifications and trust', () => signalsScenarios(() => stack));
  describe('search ranking, filters and pages', () => searchScenarios(() => stack));
  describe('the wanted list', () => wantedScenarios(() => stack));
  describe('API keys: scopes, expiry, rotation, revocation', () => keysScenarios(() => stack));
  describe('a CommonTrace v1 client', () => v1ClientScenarios(() => stack));
  describe('API key hashes with a pepper', () => keyPepperScenarios(() => stack));
  describe('the admin API: accounts, tiers, suspension, usage', () => adminScenarios(() => stack));

  it('serves readiness and metrics on every service', async () => {
    const urls = stack.serviceUrls();
    expect(Object.keys(urls).sort()).toEqual(['embedding', 'ingest', 'reputation', 'search']);
    for (const [name, url] of Object.entries(urls)) {
      const ready = await fetch(`${url}/health/ready`);
      expect({ name, status: ready.status }).toEqual({ name, status: 200 });
      expect(await ready.json()).toMatchObject({ info: { database: { status: 'up' }, bus: { status: 'up' } } });
      expect(await (await fetch(`${url}/metrics`)).text()).toContain('commontrace_');
    }
  });
});
