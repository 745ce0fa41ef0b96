import { commandKey, errorExcerpt, errorSignature, hasErrorMarkers, settles } from './signature';

describe('errorSignature', () => {
  it('is the same for two runs of one failure: paths, line numbers, ids, addresses and times stripped', () => {
    const a = errorSignature('2026-01-02T10:11:12Z Traceback (most recent call last):\n  File "/home/a/app/main.py", line 12, in <module>\nModuleNotFoundError: No module named \'requests\'');
    const b = errorSignature('Traceback (most recent call last):\n  File "/srv/other/main.py", line 99, in <module>\nModuleNotFoundError: No module named \'requests\'');
    expect(a).toBe(b);
    expect(a).toBe('modulenotfounderror: no module named <str>');
  });

  it('strips addresses, ids and numbers', () => {
    const a = errorSignature('Error: connect ECONNREFUSED 127.0.0.1:5432 (request 3f2b1c4d-1111-2222-3333-444455556666 at 0x7ffd5e8c)');
    const b = errorSignature('Error: connect ECONNREFUSED 10.1.2.3:6543 (request 9a2b1c4d-1111-2222-3333-444455556666 at 0x1234abcd)');
    expect(a).toBe(b);
    expect(a).not.toMatch(/\d{2,}/);
  });

  it('falls back to the template of the first error-like line, with timestamps stripped', () => {
    const a = errorSignature('[12:01:02] build failed after 3 attempts in /tmp/x/build');
    const b = errorSignature('[09:44:10] build failed after 7 attempts in /var/y/build');
    expect(a).toBe(b);
    expect(a).toContain('build failed');
  });

  it('is null for output that names no error', () => {
    expect(errorSignature('all 12 tests passed\nDone in 3.2s')).toBeNull();
  });
});

describe('hasErrorMarkers', () => {
  it.each(['npm ERR! code E404', 'Traceback (most recent call last):', 'error[E0502]: cannot borrow', ' FAIL src/a.spec.ts', 'src/a.ts(3,5): error TS2307: Cannot find module', 'bash: foo: command not found'])(
    'sees %s',
    (t) => expect(hasErrorMarkers(t)).toBe(true),
  );
  it('does not see a clean run', () => expect(hasErrorMarkers('PASS src/a.spec.ts\nTests: 3 passed')).toBe(false));
});

describe('commandKey', () => {
  it('ignores cd prefixes, env assignments and output plumbing', () => {
    expect(commandKey('cd /repo && CI=1 npx jest src/a.spec.ts 2>&1 | tail -20')).toBe('npx jest src/a.spec.ts');
    expect(commandKey('  npx   jest src/a.spec.ts ')).toBe('npx jest src/a.spec.ts');
  });
});

describe('errorExcerpt', () => {
  it('keeps the lines around the error, bounded', () => {
    const out = errorExcerpt(['starting', 'compiling', 'Error: boom', 'at x', ...Array(50).fill('noise')].join('\n'), 100);
    expect(out.startsWith('compiling\nError: boom')).toBe(true);
    expect(out.length).toBeLessThanOrEqual(100);
  });
});

describe('settles', () => {
  it('is the same command, or a broader run of the same test runner', () => {
    expect(settles('python app.py', 'python app.py')).toBe(true);
    expect(settles('npx jest', 'npx jest src/a.spec.ts')).toBe(true);
    expect(settles('pytest', 'pytest tests/test_api.py::test_get')).toBe(true);
    expect(settles('go test ./...', 'go test ./... -run TestX')).toBe(true);
  });
  it('is not another command, nor a narrower or unrelated prefix', () => {
    expect(settles('python', 'python app.py')).toBe(false);
    expect(settles('npx jest src/a.spec.ts', 'npx jest')).toBe(false);
    expect(settles('ls', 'ls -la')).toBe(false);
  });
});
