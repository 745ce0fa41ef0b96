import { noticeFor } from '../client';
import { renderContext, SurfacedTrace } from '../context';
import { detectEnvironment, Environment, projectReader } from '../environment';
import { redact } from '../redact';
import { ensureKey, Runtime } from '../runtime';
import { commandKey, errorExcerpt, errorSignature, hasErrorMarkers, settles } from '../signature';
import { Failure, loadState, saveState, SessionState } from '../state';
import { HookInput, HookOutput } from './input';

/** Tools whose use counts as the agent changing the approach. */
export const EDIT_TOOLS = new Set(['Edit', 'MultiEdit', 'Write', 'NotebookEdit']);
export const FAILURE_SEARCH_LIMIT = 3;
/** The text a `worked_with_changes` verification must carry: fixed words, nothing from the session. */
export const AUTOMATIC_CHANGES_NOTE = 'Automatic verification by the CommonTrace Claude Code plugin: the agent edited files before the failing command passed.';

interface BashRun {
  command: string;
  output: string;
  failed: boolean;
}

/**
 * Commands that print files or search them: error markers in their output are the files' text
 * (`grep -r Error src/`), not a failure, and that text must not be sent as a search.
 */
const READS_FILES = /^(?:cat|bat|less|more|head|tail|grep|egrep|rg|ag|ack|sed|awk|jq|yq|find|fd|ls|tree|wc|echo|printf|diff|git (?:show|log|diff|grep|blame))(?:\s|$)/;

/** The command, its output and whether it failed, from either event's input; null for an interrupted run. */
export function bashRun(input: HookInput): BashRun | null {
  const command = typeof input.tool_input?.['command'] === 'string' ? (input.tool_input['command'] as string) : '';
  if (input.hook_event_name === 'PostToolUseFailure') {
    if (input.is_interrupt) return null;
    return { command, output: String(input.error ?? ''), failed: true };
  }
  const r = input.tool_response;
  if (typeof r === 'string') return { command, output: r, failed: !READS_FILES.test(commandKey(command)) && hasErrorMarkers(r) };
  if (!r || typeof r !== 'object') return { command, output: '', failed: false };
  const o = r as Record<string, unknown>;
  if (o['interrupted'] === true) return null;
  const output = [o['stdout'], o['stderr']].filter((s) => typeof s === 'string').join('\n');
  const exit = [o['exit_code'], o['exitCode'], o['returnCode'], o['code']].find((v) => typeof v === 'number') as number | undefined;
  if (exit !== undefined) return { command, output, failed: exit !== 0 };
  return { command, output, failed: !READS_FILES.test(commandKey(command)) && hasErrorMarkers(output) };
}

function environmentOf(state: SessionState, cwd: string): Environment {
  state.environment ??= detectEnvironment(projectReader(cwd));
  return state.environment;
}

async function onFailure(run: BashRun, input: HookInput, state: SessionState, rt: Runtime): Promise<HookOutput | null> {
  const output = redact(run.output, rt.identity).text;
  const signature = errorSignature(output);
  if (!signature) return null;
  const now = Date.now();
  const key = commandKey(redact(run.command, rt.identity).text);
  const open = state.failures.find((f) => f.signature === signature && f.command_key === key && !f.resolved_at);
  if (open) {
    open.attempts += 1;
    open.last_at = now;
  } else {
    state.failures.push({ signature, command: key, command_key: key, error_excerpt: errorExcerpt(output), attempts: 1, first_at: now, last_at: now, edited: false });
  }
  const last = state.searches[signature];
  if (!rt.settings.search_on_failure || (last && now - last < rt.settings.search_cooldown_seconds * 1000)) return null;
  state.searches[signature] = now;
  saveState(rt.paths.stateDir, state);
  if (!(await ensureKey(rt))) return null;
  const res = await rt.client.call<{ results: SurfacedTrace[] }>('POST', '/api/v1/traces/search', {
    q: errorExcerpt(output, 2000),
    limit: FAILURE_SEARCH_LIMIT,
    context: environmentOf(state, input.cwd || process.cwd()),
    explain: true,
  });
  if (!res.ok) {
    const notice = noticeFor(res);
    return notice ? { systemMessage: notice } : null;
  }
  // Traces whose stored error is this very error, when there are any; else the best of the rest.
  const results = res.body.results ?? [];
  const exact = results.filter((t) => typeof t.explanation?.signature_rank === 'number');
  const rendered = renderContext(exact.length ? exact : results, `traces other agents recorded for this error (${signature}).`, rt.settings.context_token_budget);
  if (!rendered) return null;
  state.surfaced.push(
    ...rendered.shown.map((t) => ({ trace_id: t.id, title: t.title, signature, signature_match: typeof t.explanation?.signature_rank === 'number', at: Date.now() })),
  );
  return { hookSpecificOutput: { hookEventName: input.hook_event_name || 'PostToolUse', additionalContext: rendered.text } };
}

/**
 * A command passed: the failures of the same command (or of a narrower test run) are resolved, and when a trace was surfaced
 * for the last of them and the server matched it by that very error signature, exactly one
 * verification is posted for it (`worked_with_changes` when the
 * agent edited files in between, else `worked_as_written`). Only the trace id, the outcome, the
 * environment and the normalized signature leave the machine.
 */
async function onSuccess(run: BashRun, input: HookInput, state: SessionState, rt: Runtime): Promise<HookOutput | null> {
  const key = commandKey(redact(run.command, rt.identity).text);
  const now = Date.now();
  const resolved: Failure[] = [];
  for (const f of state.failures) {
    if (!settles(key, f.command_key) || f.resolved_at) continue;
    f.resolved_at = now;
    f.edited = state.edits.some((t) => t >= f.first_at);
    resolved.push(f);
  }
  if (!resolved.length || !rt.settings.auto_verify) return null;
  const verifiedTraces = new Set(state.sent.filter((s) => s.kind === 'verification').map((s) => s.trace_id));
  const candidate = (f: Failure) => state.surfaced.find((s) => s.signature === f.signature && s.signature_match && !verifiedTraces.has(s.trace_id));
  const failure = resolved.sort((a, b) => b.last_at - a.last_at).find((f) => candidate(f));
  if (!failure) return null;
  const trace = candidate(failure);
  if (!trace || !(await ensureKey(rt))) return null;
  const outcome = failure.edited ? 'worked_with_changes' : 'worked_as_written';
  const environment = environmentOf(state, input.cwd || process.cwd());
  const body = { outcome, environment, error_signature: failure.signature, ...(failure.edited ? { changes: AUTOMATIC_CHANGES_NOTE } : {}) };
  state.sent.push({ kind: 'verification', trace_id: trace.trace_id, outcome, signature: failure.signature, environment, ok: false, status: 'pending', at: now });
  saveState(rt.paths.stateDir, state);
  const res = await rt.client.call('POST', `/api/v1/traces/${encodeURIComponent(trace.trace_id)}/verifications`, body);
  const sent = state.sent[state.sent.length - 1];
  sent.ok = res.ok;
  sent.status = res.status;
  if (!res.ok) {
    const notice = noticeFor(res);
    return notice ? { systemMessage: notice } : null;
  }
  return null;
}

/** PostToolUse (and PostToolUseFailure) on Bash, and on the edit tools (which only mark that the agent changed something). */
export async function postToolUse(input: HookInput, rt: Runtime): Promise<HookOutput | null> {
  const sessionId = input.session_id || 'unknown';
  const cwd = input.cwd || process.cwd();
  const state = loadState(rt.paths.stateDir, sessionId, cwd);
  if (input.tool_name && EDIT_TOOLS.has(input.tool_name)) {
    state.edits.push(Date.now());
    saveState(rt.paths.stateDir, state);
    return null;
  }
  if (input.tool_name !== 'Bash') return null;
  const run = bashRun(input);
  if (!run) return null;
  try {
    return run.failed ? await onFailure(run, input, state, rt) : await onSuccess(run, input, state, rt);
  } finally {
    saveState(rt.paths.stateDir, state);
  }
}
