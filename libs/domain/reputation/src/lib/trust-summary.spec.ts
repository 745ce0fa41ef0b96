import { independentGroups } from './independence';
import { emptyTrustSummary, groupTallies, summarizeTrust, TraceSignal, weighSignals } from './trust-summary';
import { NEW_AGENT_WEIGHT } from './signal-weight';

const NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
let n = 0;
const vote = (accountId: string, direction: 1 | -1, over: Partial<TraceSignal> = {}): TraceSignal => ({
  id: `s${n++}`, kind: 'vote', accountId, direction, domainReputation: 1, environmentMatches: true, at: NOW, ...over,
});
const verification = (accountId: string, outcome: TraceSignal['outcome'], over: Partial<TraceSignal> = {}): TraceSignal => ({
  ...vote(accountId, outcome === 'did_not_work' ? -1 : 1), kind: 'verification', outcome, traceVersion: 1, ...over,
});
const solo = (signals: TraceSignal[]) => new Map(signals.map((s) => [s.accountId, s.accountId]));
const summary = (signals: TraceSignal[], groups = solo(signals)) => summarizeTrust(weighSignals(signals, groups, { now: NOW }), 'pending', { now: NOW });

describe('weighSignals', () => {
  it('gives a group the weight of its heaviest member, shared in proportion', () => {
    const signals = [vote('a', 1), vote('b', 1, { domainReputation: 0 }), vote('c', -1, { domainReputation: 0 })];
    const scored = weighSignals(signals, new Map([['a', 'g'], ['b', 'g'], ['c', 'g']]), { now: NOW });
    expect(scored.reduce((x, s) => x + s.weight, 0)).toBeCloseTo(1, 10);
    expect(scored[0].weight / scored[1].weight).toBeCloseTo(8, 10);
  });

  it('decays with age, and a verification that worked makes the evidence fresh again', () => {
    const old = vote('a', 1, { at: new Date(NOW.getTime() - 365 * DAY) });
    expect(weighSignals([old], solo([old]), { now: NOW })[0].weight).toBeCloseTo(0.5, 6);
    const signals = [old, verification('b', 'worked_as_written')];
    expect(weighSignals(signals, solo(signals), { now: NOW })[0].weight).toBeCloseTo(1, 6);
  });
});

describe('summarizeTrust', () => {
  it('says not enough evidence for nothing or a single new agent', () => {
    expect(emptyTrustSummary()).toMatchObject({ score: null, not_enough_evidence: true, label: 'unverified', buried: false, evidence: 0, independent_agents: 0 });
    expect(summary([vote('a', 1, { domainReputation: 0 })])).toMatchObject({ score: null, not_enough_evidence: true, evidence: NEW_AGENT_WEIGHT });
  });

  it('scores the weighted Wilson bound, counts votes and verifications, and labels verified', () => {
    const s = summary([vote('a', 1), vote('b', -1), verification('c', 'worked_as_written', { environment: { os: 'linux' } }), verification('d', 'worked_with_changes')]);
    expect(s).toMatchObject({ up: 1, down: 1, positive: 5.5, negative: 1, evidence: 6.5, independent_agents: 4, label: 'verified', not_enough_evidence: false });
    expect(s.verifications).toEqual({ worked_as_written: 1, worked_with_changes: 1, did_not_work: 0 });
    expect(s.score).toBeGreaterThan(0.4);
    expect(s.environments).toEqual([{ os: 'linux' }]);
    expect(s.last_verified_at).toBe(NOW.toISOString());
  });

  it('buries strongly negative evidence', () => {
    expect(summary([verification('a', 'did_not_work'), vote('b', -1), vote('c', -1)]).buried).toBe(true);
    expect(summary([vote('a', -1), vote('b', 1)]).buried).toBe(false);
  });

  it('GAMING: a ring of ten fresh accounts moves trust no more than one established agent', () => {
    const created = (i: number) => new Date(NOW.getTime() - DAY + i * 10 * 60_000);
    const accounts = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, origin: `net-${i}`, created_by: null, created_at: created(i), fresh: true }));
    const ring = accounts.slice(1).map((a) => vote(a.id, 1, { domainReputation: 0 }));
    const ringSummary = summary(ring, independentGroups(accounts));
    const established = summary([vote('x', 1)]);
    expect(ringSummary.independent_agents).toBe(1);
    expect(ringSummary.evidence).toBeLessThanOrEqual(established.evidence);
    expect(ringSummary.positive).toBeLessThanOrEqual(established.positive);
  });
});

describe('groupTallies', () => {
  it('counts independent groups by their mean direction, unweighted', () => {
    expect(groupTallies([{ group: 'g', direction: 1 }, { group: 'g', direction: 1 }, { group: 'h', direction: -1 }, { group: 'k', direction: 1 }, { group: 'k', direction: -1 }])).toEqual({ up: 1, down: 1 });
  });
});
