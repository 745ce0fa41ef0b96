import { disabled } from './config';
import { HookInput, HookOutput } from './hooks/input';
import { postToolUse } from './hooks/post-tool-use';
import { sessionStart } from './hooks/session-start';
import { stop } from './hooks/stop';
import { createRuntime, Runtime } from './runtime';
import { withSessionLock } from './state';

type Hook = (input: HookInput, rt: Runtime) => Promise<HookOutput | null>;

/** Each hook's budget: well under its timeout in hooks/hooks.json (10, 10 and 15 seconds). */
export const HOOKS: Record<string, { run: Hook; budgetMs: number }> = {
  'session-start': { run: sessionStart, budgetMs: 3000 },
  'post-tool-use': { run: postToolUse, budgetMs: 2500 },
  stop: { run: stop, budgetMs: 4000 },
};

const MAX_INPUT_BYTES = 8_000_000;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs one hook as Claude Code calls it: the event's JSON on stdin, at most one JSON object on
 * stdout, exit 0 whatever happens. Past its budget (COMMONTRACE_HOOK_BUDGET_MS overrides it) the
 * hook gives up: calls to the server are cut at the deadline, and a watchdog ends the process
 * silently if anything else is slow. An error is never shown to the agent.
 */
export async function runHook(name: string): Promise<void> {
  const hook = HOOKS[name];
  const budget = Number(process.env['COMMONTRACE_HOOK_BUDGET_MS']) || hook?.budgetMs || 2000;
  const watchdog = setTimeout(() => process.exit(0), budget + 300);
  let output: HookOutput | null = null;
  try {
    const raw = await readStdin();
    if (hook && !disabled()) {
      const input = JSON.parse(raw || '{}') as HookInput;
      const rt = createRuntime(budget);
      output = await withSessionLock(rt.paths.stateDir, input.session_id || 'unknown', () => hook.run(input, rt));
    }
  } catch (error) {
    if (process.env['COMMONTRACE_DEBUG']) process.stderr.write(`commontrace ${name}: ${(error as Error)?.stack ?? error}\n`);
    output = null;
  }
  clearTimeout(watchdog);
  if (output) process.stdout.write(`${JSON.stringify(output)}\n`);
  process.exitCode = 0;
}
