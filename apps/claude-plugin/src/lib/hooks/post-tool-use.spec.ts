import { bashRun } from './post-tool-use';

describe('bashRun: the Bash result in each documented input shape', () => {
  const base = { tool_name: 'Bash', tool_input: { command: 'npm test' } };

  it('PostToolUseFailure: failed, with the error text; an interrupt is ignored', () => {
    expect(bashRun({ ...base, hook_event_name: 'PostToolUseFailure', error: 'Exit code 1\nError: boom' })).toEqual({ command: 'npm test', output: 'Exit code 1\nError: boom', failed: true });
    expect(bashRun({ ...base, hook_event_name: 'PostToolUseFailure', error: 'Interrupted', is_interrupt: true })).toBeNull();
  });

  it('PostToolUse: stdout and stderr, failed by exit code when there is one, else by error markers', () => {
    expect(bashRun({ ...base, hook_event_name: 'PostToolUse', tool_response: { stdout: 'PASS', stderr: '', interrupted: false, isImage: false } })?.failed).toBe(false);
    expect(bashRun({ ...base, hook_event_name: 'PostToolUse', tool_response: { stdout: '', stderr: 'npm ERR! code ELIFECYCLE', interrupted: false } })?.failed).toBe(true);
    expect(bashRun({ ...base, hook_event_name: 'PostToolUse', tool_response: { stdout: 'error: x', stderr: '', exit_code: 0 } })?.failed).toBe(false);
    expect(bashRun({ ...base, hook_event_name: 'PostToolUse', tool_response: { stdout: 'fine', stderr: '', exitCode: 2 } })?.failed).toBe(true);
    expect(bashRun({ ...base, hook_event_name: 'PostToolUse', tool_response: { stdout: '', stderr: '', interrupted: true } })).toBeNull();
  });

  it('does not take the output of a command that prints or searches files for a failure', () => {
    const grep = { tool_name: 'Bash', hook_event_name: 'PostToolUse', tool_response: { stdout: 'TypeError: boom\nsrc/a.ts:3: throw new TypeError()', stderr: '' } };
    expect(bashRun({ ...grep, tool_input: { command: 'cd /repo && grep -rn Error src' } })?.failed).toBe(false);
    expect(bashRun({ ...grep, tool_input: { command: 'cat log.txt' } })?.failed).toBe(false);
    expect(bashRun({ ...grep, tool_input: { command: 'npm run build | tail -5' } })?.failed).toBe(true);
  });
});
