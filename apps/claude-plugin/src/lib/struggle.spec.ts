import { emptyState, Failure } from './state';
import { solvedStruggle } from './struggle';

const failure = (over: Partial<Failure>): Failure => ({
  signature: 'typeerror: x is not a function',
  command: 'npm test',
  command_key: 'npm test',
  error_excerpt: 'TypeError: x is not a function',
  attempts: 1,
  first_at: 1,
  last_at: 1,
  edited: false,
  ...over,
});

describe('solvedStruggle', () => {
  it('finds an error that stopped after a change', () => {
    const s = emptyState('s', '/p');
    s.failures.push(failure({ resolved_at: 5, edited: true }));
    expect(solvedStruggle(s)).toMatchObject({ signature: 'typeerror: x is not a function', edited: true });
  });

  it('finds an error that stopped after several attempts, and prefers the most attempted', () => {
    const s = emptyState('s', '/p');
    s.failures.push(failure({ resolved_at: 5, edited: true, signature: 'a: one' }), failure({ resolved_at: 9, attempts: 3, signature: 'b: three' }));
    expect(solvedStruggle(s)?.signature).toBe('b: three');
  });

  it('ignores errors still failing, one-off failures fixed by nothing, and problems a verified trace solved', () => {
    const s = emptyState('s', '/p');
    s.failures.push(failure({}), failure({ resolved_at: 3, signature: 'c: once' }), failure({ resolved_at: 4, edited: true, signature: 'd: known' }));
    s.sent.push({ kind: 'verification', trace_id: 't', signature: 'd: known', ok: true, status: 201, at: 4 });
    expect(solvedStruggle(s)).toBeNull();
  });
});
