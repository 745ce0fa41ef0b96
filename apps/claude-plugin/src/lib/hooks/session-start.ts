import { renderContext, SurfacedTrace } from '../context';
import { detectEnvironment, fitsStack, projectReader, stackWords } from '../environment';
import { ensureKey, Runtime } from '../runtime';
import { loadState, pruneStates, saveState } from '../state';
import { noticeFor } from '../client';
import { HookInput, HookOutput } from './input';

export const SESSION_START_LIMIT = 5;

/**
 * SessionStart: detect the project's stack, and inject the few traces that fit it as
 * additionalContext, fenced as data, within the token budget. Only the stack words and the
 * detected environment are sent (a search), never a file's content.
 */
export async function sessionStart(input: HookInput, rt: Runtime): Promise<HookOutput | null> {
  const cwd = input.cwd || process.cwd();
  const sessionId = input.session_id || 'unknown';
  const environment = detectEnvironment(projectReader(cwd));
  pruneStates(rt.paths.stateDir);
  const state = loadState(rt.paths.stateDir, sessionId, cwd);
  state.environment = environment;
  saveState(rt.paths.stateDir, state);
  if (!rt.settings.inject_context || rt.settings.context_token_budget <= 0) return null;
  const words = stackWords(environment);
  if (!words.length) return null;
  if (!(await ensureKey(rt))) return null;
  const res = await rt.client.call<{ results: SurfacedTrace[] }>('POST', '/api/v1/traces/search', {
    q: words.join(' '),
    limit: SESSION_START_LIMIT,
    context: environment,
  });
  if (!res.ok) {
    const notice = noticeFor(res);
    return notice ? { systemMessage: notice } : null;
  }
  const fitting = (res.body.results ?? []).filter((hit) => fitsStack(hit, environment));
  const rendered = renderContext(fitting, `traces that may fit this project (${words.join(', ')}).`, rt.settings.context_token_budget);
  if (!rendered) return rt.notices.length ? { systemMessage: rt.notices.join(' ') } : null;
  state.surfaced.push(...rendered.shown.map((t) => ({ trace_id: t.id, title: t.title, signature: null, at: Date.now() })));
  saveState(rt.paths.stateDir, state);
  return {
    hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: rendered.text },
    ...(rt.notices.length ? { systemMessage: rt.notices.join(' ') } : {}),
  };
}
