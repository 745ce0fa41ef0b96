import { errorSignature } from './signature';

/** A trace the agent drafted from the session (the fields of POST /api/v1/traces the plugin sends). */
export interface Draft {
  title: string;
  context_text: string;
  solution_text: string;
  tags?: string[];
}

export const QUALITY_FLOOR = { titleChars: 15, titleWords: 3, contextChars: 80, solutionChars: 80 } as const;

/** Text a template leaves behind when nobody filled it in. */
const FILLER =
  /\b(?:TODO|TBD|FIXME|lorem ipsum|N\/A)\b|\[(?:insert|describe|your|add)[^\]]{0,80}\]|<(?:describe|insert|your|fill)[^>]{0,80}>|\{\{[^}]{0,80}\}\}|(?:describe|explain) (?:the|your) (?:problem|error|solution) here/i;
/** A solution that says what was changed: a code span or block, a command, a file, or a verb of change. */
const CHANGE =
  /```|`[^`\n]{2,200}`|\b(?:changed?|add(?:ed)?|set|replac(?:e|ed)|remov(?:e|ed)|renam(?:e|ed)|install(?:ed)?|upgrad(?:e|ed)|downgrad(?:e|ed)|pin(?:ned)?|mov(?:e|ed)|us(?:e|ed) [\w.-]{2,50} instead|configur(?:e|ed)|export(?:ed)?)\b|[\w-]{1,80}\.(?:ts|js|py|go|rs|java|kt|json|toml|ya?ml|xml|gradle|cfg|ini|sh)\b/i;

/**
 * What keeps a draft below the quality floor of an automatic contribution, empty when it passes:
 * a real problem statement (a title of a few words), the error text in the context (a line that
 * reads as an error), a solution that names the change made, no template filler, and at least
 * one tag.
 */
export function qualityProblems(draft: Draft): string[] {
  const problems: string[] = [];
  const title = (draft.title ?? '').trim();
  if (title.length < QUALITY_FLOOR.titleChars || title.split(/\s+/).length < QUALITY_FLOOR.titleWords) {
    problems.push(`the title must state the problem (at least ${QUALITY_FLOOR.titleWords} words, ${QUALITY_FLOOR.titleChars} characters)`);
  }
  const context = (draft.context_text ?? '').trim();
  if (context.length < QUALITY_FLOOR.contextChars) problems.push(`the context must describe the problem (at least ${QUALITY_FLOOR.contextChars} characters)`);
  if (!errorSignature(context)) problems.push('the context must quote the error text');
  const solution = (draft.solution_text ?? '').trim();
  if (solution.length < QUALITY_FLOOR.solutionChars) problems.push(`the solution must explain the fix (at least ${QUALITY_FLOOR.solutionChars} characters)`);
  if (!CHANGE.test(solution)) problems.push('the solution must name the change made (a command, a file, code, or what was changed)');
  if ([title, context, solution].some((t) => FILLER.test(t))) problems.push('the draft holds template filler (TODO, [insert …], <describe …>, lorem ipsum)');
  if (solution && context && solution.toLowerCase() === context.toLowerCase()) problems.push('the solution repeats the context');
  if (!draft.tags?.length) problems.push('the draft needs at least one tag');
  return problems;
}
