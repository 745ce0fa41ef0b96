/** The text a trace is embedded from: what a searcher's words are compared with. */
export function traceText(trace: { title: string; context_text: string; solution_text: string; tags: string[] }): string {
  return [trace.title, trace.tags.join(' '), trace.context_text, trace.solution_text].join('\n\n');
}
