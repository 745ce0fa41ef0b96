import { Api, sampleTrace } from './support/api';
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
import { removeDir, Stack, startAllInOne } from './support/stack';

describe('all-in-one mode: one process, in-process transport, embedded PGlite', () => {
  let stack: Stack & { dataDir: string };
  beforeAll(async () => {
    stack = await startAllInOne();
  });
  afterAll(async () => {
    await stack?.stop();
    if (stack) removeDir(stack.dataDir);
  });

  firstFlowScenarios(() => stack);
  describe('ingest rules', () => ingestRulesScenarios(() => stack));
  describe('reputation and privileges', () => reputationScenarios(() => stack));
  describe('idempotency', () => idempotencyScenarios(() => stack, { concurrentTransactions: false }));
  describe('flags and moderation', () => moderationScenarios(() => stack));
  describe('votes, verifications and trust', () => signalsScenarios(() => stack));
  describe('search ranking, filters and pages', () => searchScenarios(() => stack));
  describe('the wanted list', () => wantedScenarios(() => stack));
  describe('API keys: scopes, expiry, rotation, revocation', () => keysScenarios(() => stack));
  describe('a CommonTrace v1 client', () => v1ClientScenarios(() => stack));
  describe('API key hashes with a pepper', () => keyPepperScenarios(() => stack));
  describe('the admin API: accounts, tiers, suspension, usage', () => adminScenarios(() => stack));

  it('keeps its data on disk across a restart', async () => {
    const api = new Api(stack.baseUrl);
    await api.register();
    const created = await api.call('POST', '/api/v1/traces', sampleTrace({ title: 'Survives a restart of the all-in-one' }));
    expect(created.status).toBe(201);
    await stack.stop();
    stack = await startAllInOne(stack.dataDir);
    const again = new Api(stack.baseUrl, api.apiKey);
    const read = await again.call('GET', `/api/v1/traces/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.title).toBe('Survives a restart of the all-in-one');
  });
});
