/**
 * What a fix does, apart from what its problem already says: the commands, flags, settings,
 * package and API names that a solution brings in. Two traces with the same problem and the
 * same fix bring in the same ones; the same symptom fixed another way, or a neighbouring problem
 * whose context already shows the first one's fix, brings in others.
 */
import { codeTokens, weightedTokens } from './code-tokens';

/** The text inside the solution's code: fenced blocks and inline `code` spans (a line loop and a linear pattern). */
export function codeSpans(text: string): string {
  const spans: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      fenced = !fenced;
      continue;
    }
    if (fenced) spans.push(line);
    else for (const m of line.matchAll(/`([^`\n]+)`/g)) spans.push(m[1]);
  }
  return spans.join('\n');
}

/**
 * The actions of a fix: code-like tokens of the solution and the ordinary words of its code
 * (`#[serde(default)]` gives `default`), less every token its own problem text already names.
 */
export function fixActions(problem: string, solution: string): Set<string> {
  const known = weightedTokens(problem).weights;
  const out = new Set<string>();
  for (const t of codeTokens(weightedTokens(solution))) if (!known.has(t)) out.add(t);
  for (const [t, w] of weightedTokens(codeSpans(solution)).weights) if (w >= 1 && !known.has(t)) out.add(t);
  return out;
}
