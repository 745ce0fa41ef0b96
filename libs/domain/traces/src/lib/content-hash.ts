import { createHash } from 'node:crypto';

/** Lowercase, trim, and fold runs of white space: formatting alone never makes a trace new. */
export function normalizeForHash(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** SHA-256 over the normalized title, context and solution: equal hashes mean an exact duplicate. */
export function contentHash(parts: { title: string; context_text: string; solution_text: string }): string {
  const canonical = [parts.title, parts.context_text, parts.solution_text].map(normalizeForHash).join('\u0000');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The text a trace is embedded from, the same at ingest (duplicate check) and in the embedding service. */
export function traceText(trace: { title: string; context_text: string; solution_text: string; tags?: string[] | null }): string {
  return [trace.title, (trace.tags ?? []).join(' '), trace.context_text, trace.solution_text].join('\n\n');
}
