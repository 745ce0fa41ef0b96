import { candidate, evidenceTrust, newTrust, SPEC_NOW } from './ranking-fixtures';
import { isExcluded, rerank, scoreCandidate } from './rerank';

const ids = (rs: { id: string }[]) => rs.map((r) => r.id);
const yearsAgo = (y: number) => new Date(SPEC_NOW.getTime() - y * 365 * 86_400_000);

describe('rerank', () => {
  it('sinks a trace that did not work for many below an otherwise equal one, even from first place', () => {
    const ranked = rerank(
      [
        candidate('failed', { relevance: 1 / 61, trust: evidenceTrust(4, 6) }),
        candidate('worked', { relevance: 1 / 62, trust: evidenceTrust(4, 0) }),
      ],
      {},
      SPEC_NOW,
    );
    expect(ids(ranked)).toEqual(['worked', 'failed']);
    expect(ranked[1].explanation.trust.did_not_work).toBe(6);
  });

  it('does not penalize an unverified new trace: it keeps its relevance and stays above a disputed-by-evidence one', () => {
    const [fresh] = rerank([candidate('new', { trust: newTrust() })], {}, SPEC_NOW);
    expect(fresh.explanation.trust).toMatchObject({ multiplier: 1, new: true });
    expect(fresh.score).toBe(fresh.explanation.relevance.multiplier);
    const ranked = rerank([candidate('mixed', { relevance: 1 / 61, trust: evidenceTrust(3, 3) }), candidate('new', { relevance: 1 / 62 })], {}, SPEC_NOW);
    expect(ids(ranked)).toEqual(['new', 'mixed']);
  });

  it('puts a verified trace above an equal unverified one', () => {
    const ranked = rerank([candidate('new'), candidate('verified', { trust: evidenceTrust(6, 0) })], {}, SPEC_NOW);
    expect(ids(ranked)).toEqual(['verified', 'new']);
  });

  it('lets old front-end knowledge sink below fresh, but a verification restores it', () => {
    const old = candidate('old', { relevance: 1 / 61, tags: ['react'], created_at: yearsAgo(3), updated_at: yearsAgo(3) });
    const fresh = candidate('fresh', { relevance: 1 / 63, tags: ['react'] });
    expect(ids(rerank([old, fresh], {}, SPEC_NOW))).toEqual(['fresh', 'old']);
    const reverified = { ...old, trust: { ...newTrust(), last_verified_at: SPEC_NOW.toISOString() } };
    expect(ids(rerank([reverified, fresh], {}, SPEC_NOW))).toEqual(['old', 'fresh']);
  });

  it('sinks a trace whose declared version range excludes the searcher’s', () => {
    const declared = (range: string) => ({ language: 'typescript', metadata: { versions: { typescript: range } } });
    const ranked = rerank(
      [candidate('ts4-only', { relevance: 1 / 61, ...declared('<5') }), candidate('ts5', { relevance: 1 / 64, ...declared('^5.0') })],
      { language: 'typescript', versions: { typescript: '5.4' } },
      SPEC_NOW,
    );
    expect(ids(ranked)).toEqual(['ts5', 'ts4-only']);
    expect(ranked[1].explanation.context.checks.find((c) => c.key === 'versions.typescript')?.outcome).toBe('outside_range');
  });

  it('sinks stale, disputed and superseded traces and leaves hidden and buried ones out', () => {
    const ranked = rerank(
      [
        candidate('stale', { status: 'stale', relevance: 1 / 61 }),
        candidate('hidden', { status: 'hidden', relevance: 1 }),
        candidate('buried', { trust: { ...evidenceTrust(0, 20), buried: true }, relevance: 1 }),
        candidate('superseded', { status: 'superseded', superseded_by: 'x', relevance: 1 / 61 }),
        candidate('pending', { relevance: 1 / 64 }),
        candidate('validated', { status: 'validated', relevance: 1 / 65 }),
      ],
      {},
      SPEC_NOW,
    );
    expect(ids(ranked)).toEqual(['validated', 'pending', 'stale', 'superseded']);
    expect(ranked[3].explanation.status.successor_id).toBe('x');
    expect(isExcluded(candidate('h', { status: 'hidden' }))).toBe(true);
    expect(isExcluded(candidate('b', { trust: { ...newTrust(), buried: true } }))).toBe(true);
    expect(isExcluded(candidate('p'))).toBe(false);
  });

  it('explains every factor, with the per-retriever ranks, and final is their product', () => {
    const r = scoreCandidate(
      candidate('a', {
        relevance: 0.03,
        retriever_ranks: { error_signature: 1, lexical: 4, vector: null },
        trust: evidenceTrust(5, 1),
        status: 'validated',
        tags: ['django'],
        language: 'python',
        created_at: yearsAgo(1),
        updated_at: yearsAgo(1),
        metadata: { versions: { django: '>=4.2 <5' } },
      }),
      { language: 'python', versions: { django: '5.0' } },
      SPEC_NOW,
    );
    if (!r) throw new Error('a validated trace is scored');
    const e = r.explanation;
    expect(Object.keys(e).sort()).toEqual(['context', 'final', 'freshness', 'relevance', 'status', 'trust']);
    expect(e.relevance).toEqual({ multiplier: 0.03, retriever_ranks: { error_signature: 1, lexical: 4, vector: null } });
    for (const f of [e.trust, e.freshness, e.context, e.status]) expect(f.multiplier).not.toBe(1);
    expect(e.final).toBeCloseTo(e.relevance.multiplier * e.trust.multiplier * e.freshness.multiplier * e.context.multiplier * e.status.multiplier, 15);
    expect(r.score).toBe(e.final);
  });

  it('breaks ties by relevance, then by input order', () => {
    const ranked = rerank([candidate('a'), candidate('b'), candidate('c', { relevance: 1 / 50, status: 'stale' })], {}, SPEC_NOW);
    expect(ids(ranked).slice(0, 2)).toEqual(['a', 'b']);
  });
});
