import { rankResults } from './rank-results';
import { candidate, evidenceTrust, SPEC_NOW } from './ranking-fixtures';

describe('rankResults', () => {
  it('scores, collapses duplicates, diversifies the top, and lets successors take their place last', () => {
    const out = rankResults(
      [
        candidate('old', { status: 'superseded', superseded_by: 'new', relevance: 1 / 30, title: 'pin the old API', tags: ['api'] }),
        candidate('dup1', { relevance: 1 / 62, duplicate_group: 'g', title: 'same fix', tags: ['x'] }),
        candidate('dup2', { relevance: 1 / 63, duplicate_group: 'g', title: 'same fix', tags: ['x'], trust: evidenceTrust(9, 0) }),
        candidate('new', { relevance: 1 / 90, title: 'use the new API', tags: ['api'] }),
        candidate('gone', { status: 'hidden', relevance: 1 }),
      ],
      {},
      SPEC_NOW,
    );
    // Diversity alone would put `old` (more relevant, unlike dup2) second; its successor takes that place.
    expect(out.map((r) => r.id)).toEqual(['dup2', 'new', 'old']);
    expect(out[1].replaces).toBe('old');
    expect(out[0]).toMatchObject({ stands_for: 2, collapsed_ids: ['dup1'] });
  });

  it('drops a superseded trace whose successor is shown when asked', () => {
    const out = rankResults(
      [candidate('old', { status: 'superseded', superseded_by: 'new', relevance: 1 / 30 }), candidate('new', { relevance: 1 / 90 })],
      {},
      SPEC_NOW,
      { dropSuperseded: true },
    );
    expect(out.map((r) => r.id)).toEqual(['new']);
  });
});
