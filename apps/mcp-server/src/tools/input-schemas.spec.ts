import { flagInput, searchInput, verifyInput, voteInput, contributeInput, environmentSchema } from './input-schemas';

const id = '6f1c2b4e-8d3a-4f5b-9c7d-1e2f3a4b5c6d';

describe('input schemas (mirroring the gateway validation)', () => {
  it('needs q or tags for a search, and normalizes tags', () => {
    expect(searchInput.safeParse({}).success).toBe(false);
    expect(searchInput.safeParse({ q: '   ' }).success).toBe(false);
    expect(searchInput.parse({ tags: [' Docker '] }).tags).toEqual(['docker']);
    expect(searchInput.safeParse({ q: 'x', limit: 51 }).success).toBe(false);
    expect(searchInput.safeParse({ q: 'x', cursor: 'nope' }).success).toBe(false);
  });

  it('needs a feedback_tag from the list for a down vote, and 10 characters of feedback', () => {
    expect(voteInput.safeParse({ trace_id: id, vote_type: 'down', feedback_text: 'It is outdated now.' }).success).toBe(false);
    expect(voteInput.safeParse({ trace_id: id, vote_type: 'down', feedback_tag: 'outdated', feedback_text: 'It is outdated now.' }).success).toBe(true);
    expect(voteInput.safeParse({ trace_id: id, vote_type: 'up', feedback_tag: 'worked', feedback_text: 'Worked as written.' }).success).toBe(true);
    expect(voteInput.safeParse({ trace_id: id, vote_type: 'up', feedback_text: 'short' }).success).toBe(false);
  });

  it('needs changes for worked_with_changes, and a bounded environment of known fields', () => {
    expect(verifyInput.safeParse({ trace_id: id, outcome: 'worked_with_changes', environment: {} }).success).toBe(false);
    expect(verifyInput.safeParse({ trace_id: id, outcome: 'worked_with_changes', environment: {}, changes: 'Also set X.' }).success).toBe(true);
    expect(environmentSchema.safeParse({ shell: 'zsh' }).success).toBe(false);
    expect(environmentSchema.safeParse({ versions: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${i}`, '1'])) }).success).toBe(false);
    expect(environmentSchema.safeParse({ language: 'x'.repeat(201) }).success).toBe(false);
  });

  it('takes duplicate_of with a duplicate flag only', () => {
    expect(flagInput.safeParse({ trace_id: id, category: 'duplicate', reason: 'same' }).success).toBe(false);
    expect(flagInput.safeParse({ trace_id: id, category: 'duplicate', reason: 'same', duplicate_of: id }).success).toBe(true);
    expect(flagInput.safeParse({ trace_id: id, category: 'spam', reason: 'ad', duplicate_of: id }).success).toBe(false);
  });

  it('bounds a contribution like TraceInput', () => {
    const ok = { title: 'T', context_text: 'c', solution_text: 's' };
    expect(contributeInput.safeParse(ok).success).toBe(true);
    expect(contributeInput.safeParse({ ...ok, title: 'x'.repeat(201) }).success).toBe(false);
    expect(contributeInput.safeParse({ ...ok, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }).success).toBe(false);
    expect(contributeInput.safeParse({ ...ok, tags: ['no spaces'] }).success).toBe(false);
  });
});
