import { contentHash, normalizeForHash } from './content-hash';

const trace = { title: 'Fix EADDRINUSE', context_text: 'Port 3000 busy', solution_text: 'Kill the process' };

describe('contentHash', () => {
  it('ignores case and white space differences', () => {
    const reformatted = { title: '  fix   eaddrinuse', context_text: 'PORT 3000\n busy', solution_text: 'Kill the\tprocess ' };
    expect(contentHash(reformatted)).toBe(contentHash(trace));
    expect(normalizeForHash('  A\n\tB  ')).toBe('a b');
  });

  it('changes when any field changes, and fields cannot bleed into each other', () => {
    expect(contentHash({ ...trace, solution_text: 'Restart' })).not.toBe(contentHash(trace));
    const a = contentHash({ title: 'ab', context_text: 'c', solution_text: 'd' });
    const b = contentHash({ title: 'a', context_text: 'bc', solution_text: 'd' });
    expect(a).not.toBe(b);
    expect(contentHash(trace)).toMatch(/^[0-9a-f]{64}$/);
  });
});
