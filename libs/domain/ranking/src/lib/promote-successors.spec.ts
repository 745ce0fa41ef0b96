import { promoteSuccessors } from './promote-successors';
import { candidate, SPEC_NOW } from './ranking-fixtures';
import { rerank } from './rerank';

const list = () =>
  rerank(
    [
      candidate('old', { status: 'superseded', superseded_by: 'new', relevance: 1 / 30 }),
      candidate('mid', { relevance: 1 / 70 }),
      candidate('new', { relevance: 1 / 90 }),
      candidate('tail', { relevance: 1 / 95 }),
    ],
    {},
    SPEC_NOW,
  );

describe('promoteSuccessors', () => {
  it('moves a lower-ranked successor into the place of the trace it supersedes', () => {
    const input = list();
    expect(input.map((r) => r.id)).toEqual(['old', 'mid', 'new', 'tail']);
    const out = promoteSuccessors(input);
    expect(out.map((r) => r.id)).toEqual(['new', 'old', 'mid', 'tail']);
    expect(out[0].replaces).toBe('old');
    expect(input.find((r) => r.id === 'new')?.replaces).toBeNull();
  });

  it('leaves the superseded one out on request when its successor is shown', () => {
    expect(promoteSuccessors(list(), { dropSuperseded: true }).map((r) => r.id)).toEqual(['new', 'mid', 'tail']);
  });

  it('changes nothing when the successor already ranks higher or is not a candidate', () => {
    const higher = rerank([candidate('new', { relevance: 1 / 61 }), candidate('old', { status: 'superseded', superseded_by: 'new', relevance: 1 / 62 })], {}, SPEC_NOW);
    expect(promoteSuccessors(higher).map((r) => [r.id, r.replaces])).toEqual([['new', null], ['old', null]]);
    const alone = rerank([candidate('old', { status: 'superseded', superseded_by: 'elsewhere' }), candidate('x')], {}, SPEC_NOW);
    expect(promoteSuccessors(alone, { dropSuperseded: true }).map((r) => r.id)).toEqual(alone.map((r) => r.id));
  });
});
