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
});
