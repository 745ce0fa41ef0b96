import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { contribute, readDraft } from '../contribute';
import { Runtime } from '../runtime';
import { draftFile, loadState, saveState } from '../state';
import { solvedStruggle } from '../struggle';
import { HookInput, HookOutput } from './input';

/**
 * Stop: when the session solved a problem, ask the agent once to draft a trace from the session's
 * real content and show it as a preview. Nothing is posted unless the user opted in to automatic
 * contribution; then the draft is posted at the next stop, only above the quality floor and when
 * the server finds no duplicate.
 */
export async function stop(input: HookInput, rt: Runtime): Promise<HookOutput | null> {
  const sessionId = input.session_id || 'unknown';
  const state = loadState(rt.paths.stateDir, sessionId, input.cwd || process.cwd());
  const draftPath = draftFile(rt.paths.stateDir, sessionId);
  if (input.stop_hook_active) {
    if (!rt.settings.auto_contribute || !state.contribution_suggested || state.sent.some((s) => s.kind === 'contribution')) return null;
    const draft = readDraft(draftPath, rt);
    if (!draft) return null;
    const result = await contribute(draft, rt, state, { requireFloor: true });
    saveState(rt.paths.stateDir, state);
    if (result.posted) return { systemMessage: `CommonTrace: contributed "${draft.title}" (trace ${result.id}).` };
    if (result.reason === 'below_quality_floor') return { systemMessage: `CommonTrace: the draft was not posted, it is below the quality floor: ${result.problems.join('; ')}.` };
    if (result.reason === 'duplicate') return { systemMessage: `CommonTrace: the draft was not posted, it duplicates trace ${result.existing_id ?? 'on the server'}.` };
    return null;
  }
  if (!rt.settings.suggest_contribution || state.contribution_suggested) return null;
  const struggle = solvedStruggle(state);
  if (!struggle) return null;
  state.contribution_suggested = true;
  saveState(rt.paths.stateDir, state);
  mkdirSync(dirname(draftPath), { recursive: true, mode: 0o700 });
  const how = rt.settings.auto_contribute
    ? 'Automatic contribution is on: when you stop, the draft is checked (quality floor, duplicates on the server) and posted if it passes.'
    : 'Do not post it: the user decides, and posts it with /commontrace:contribute.';
  return {
    decision: 'block',
    reason:
      `CommonTrace: this session solved a problem other agents may hit (error \`${struggle.signature}\`, ` +
      `${struggle.attempts} failed run(s) of \`${struggle.command}\`${struggle.edited ? ', fixed by a change' : ''}). ` +
      'If it is worth sharing and not specific to this codebase, draft one trace from what really happened in this session: ' +
      'a title that states the problem, context_text with the real error text, solution_text with the change that fixed it, and a few tags. ' +
      `Save it as JSON {"title","context_text","solution_text","tags"} to ${draftPath}, and show it to the user as a preview, in a few lines. ` +
      'Leave out secrets, personal data and private code. ' +
      `${how} If it is not worth sharing, say nothing about it and stop.`,
  };
}
