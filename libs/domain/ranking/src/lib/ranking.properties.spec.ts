import fc from 'fast-check';
import { TRACE_STATUSES } from '@commontrace/contracts';
import { candidate, SPEC_NOW } from './ranking-fixtures';
import { DEFAULT_RANKING_WEIGHTS } from './ranking-weights';
import { isExcluded, RankingCandidate, rerank, scoreCandidate } from './rerank';

const W = DEFAULT_RANKING_WEIGHTS;
const DAY = 86_400_000;

const trustArb = fc
  .record({
    positive: fc.double({ min: 0, max: 200, noNaN: true }),
    negative: fc.double({ min: 0, max: 200, noNaN: true }),
    thin: fc.boolean(),
    buried: fc.boolean(),
    verifiedDaysAgo: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: null }),
  })
  .map(({ positive, negative, thin, buried, verifiedDaysAgo }) => ({
    score: null,
    not_enough_evidence: thin,
    buried,
    positive,
    negative,
    weighted_verifications: { worked_as_written: 0, worked_with_changes: 0, did_not_work: negative / 2 },
    last_verified_at: verifiedDaysAgo === null ? null : new Date(SPEC_NOW.getTime() - verifiedDaysAgo * DAY).toISOString(),
    environments: [],
  }));

const candidateArb = (id: string) =>
  fc
    .record({
      relevance: fc.double({ min: 1e-4, max: 1, noNaN: true }),
      trust: trustArb,
      status: fc.constantFrom(...TRACE_STATUSES),
      tags: fc.subarray(['react', 'postgresql', 'linux', 'python', 'docker', 'misc']),
      language: fc.constantFrom(null, 'typescript', 'python', 'go'),
      framework: fc.constantFrom(null, 'react', 'django'),
      versions: fc.dictionary(fc.constantFrom('node', 'react', 'django'), fc.constantFrom('18', '^5.0', '>=18 <21', '4.2', 'junk')),
      ageDays: fc.integer({ min: -10, max: 6000 }),
      group: fc.constantFrom(null, 'g1', 'g2'),
    })
    .map(
      (r): RankingCandidate =>
        candidate(id, {
          relevance: r.relevance,
          trust: r.trust,
          status: r.status,
          superseded_by: r.status === 'superseded' ? 'x' : null,
          tags: r.tags,
          language: r.language,
          framework: r.framework,
          metadata: { versions: r.versions },
          created_at: new Date(SPEC_NOW.getTime() - r.ageDays * DAY),
          updated_at: null,
          duplicate_group: r.group,
        }),
    );

const candidatesArb = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(`t${i}`))));
const contextArb = fc.oneof(
  fc.constant({}),
  fc.record({ language: fc.constantFrom('typescript', 'python'), framework: fc.constantFrom('react', 'vue'), node: fc.constantFrom('20.11', '16'), react: fc.constantFrom('18.2', '19') }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 2 }),
);

describe('ranking properties', () => {
  it('every factor is in (0, max] and final is the product of relevance and the factors', () => {
    fc.assert(
      fc.property(candidatesArb, contextArb, (cs, ctx) => {
        for (const c of cs) {
          const r = scoreCandidate(c, ctx, SPEC_NOW);
          if (!r) continue;
          const e = r.explanation;
          const bounds: [number, number][] = [
            [e.trust.multiplier, W.trust.max],
            [e.freshness.multiplier, 1],
            [e.context.multiplier, W.context.max],
            [e.status.multiplier, Math.max(...Object.values(W.status))],
          ];
          for (const [m, max] of bounds) {
            expect(m).toBeGreaterThan(0);
            expect(m).toBeLessThanOrEqual(max);
          }
          expect(e.final).toBeCloseTo(e.relevance.multiplier * e.trust.multiplier * e.freshness.multiplier * e.context.multiplier * e.status.multiplier, 15);
          expect(r.score).toBe(e.final);
          expect(e.final).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('rerank is a permutation of the non-excluded inputs, sorted by score', () => {
    fc.assert(
      fc.property(candidatesArb, contextArb, (cs, ctx) => {
        const out = rerank(cs, ctx, SPEC_NOW);
        expect(out.map((r) => r.id).sort()).toEqual(cs.filter((c) => !isExcluded(c)).map((c) => c.id).sort());
        expect(out.some((r) => r.candidate.status === 'hidden' || r.candidate.trust.buried)).toBe(false);
        for (let i = 1; i < out.length; i++) expect(out[i - 1].score).toBeGreaterThanOrEqual(out[i].score);
      }),
    );
  });

  it('is monotone in trust: more positive evidence never lowers a score, more negative never raises it', () => {
    fc.assert(
      fc.property(candidateArb('a'), contextArb, fc.double({ min: 0, max: 50, noNaN: true }), (c, ctx, more) => {
        const enough = { ...c, trust: { ...c.trust, not_enough_evidence: false, buried: false, positive: c.trust.positive + 1 } };
        const base = scoreCandidate(enough, ctx, SPEC_NOW);
        if (!base) return; // hidden
        const up = scoreCandidate({ ...enough, trust: { ...enough.trust, positive: enough.trust.positive + more } }, ctx, SPEC_NOW);
        const down = scoreCandidate({ ...enough, trust: { ...enough.trust, negative: enough.trust.negative + more } }, ctx, SPEC_NOW);
        expect(up?.score).toBeGreaterThanOrEqual(base.score * (1 - 1e-12));
        expect(down?.score).toBeLessThanOrEqual(base.score * (1 + 1e-12));
      }),
    );
  });

  it('rerank scores each candidate as scoreCandidate does', () => {
    fc.assert(
      fc.property(candidatesArb, contextArb, (cs, ctx) => {
        for (const r of rerank(cs, ctx, SPEC_NOW)) expect(r.explanation).toEqual(scoreCandidate(r.candidate, ctx, SPEC_NOW)?.explanation);
      }),
    );
  });

  it('the order of the input does not change the set of scores', () => {
    fc.assert(
      fc.property(candidatesArb, contextArb, (cs, ctx) => {
        const a = rerank(cs, ctx, SPEC_NOW).map((r) => r.score);
        const b = rerank([...cs].reverse(), ctx, SPEC_NOW).map((r) => r.score);
        expect(b).toEqual(a);
      }),
    );
  });
});
