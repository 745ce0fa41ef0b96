import { existsSync, readFileSync } from 'node:fs';
import { SurfacedTrace } from './context';
import { Draft, qualityProblems } from './quality';
import { redact } from './redact';
import { ensureKey, Runtime } from './runtime';
import { SessionState } from './state';

/** The draft as it would be sent: every text redacted, tags normalized. */
export function prepareDraft(raw: unknown, rt: Pick<Runtime, 'identity'>): Draft | null {
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? redact(v, rt.identity).text.trim() : '');
  const tags = Array.isArray(d['tags']) ? d['tags'].filter((t): t is string => typeof t === 'string').map((t) => t.trim().toLowerCase()).filter(Boolean).slice(0, 20) : [];
  return { title: text(d['title']).slice(0, 200), context_text: text(d['context_text']), solution_text: text(d['solution_text']), tags };
}

export function readDraft(file: string, rt: Pick<Runtime, 'identity'>): Draft | null {
  if (!existsSync(file)) return null;
  try {
    return prepareDraft(JSON.parse(readFileSync(file, 'utf8')), rt);
  } catch {
    return null;
  }
}

/** The draft as the user sees it before anything is sent. */
export function previewDraft(draft: Draft): string {
  return [
    `Title: ${draft.title}`,
    `Tags: ${(draft.tags ?? []).join(', ')}`,
    '',
    'Context:',
    draft.context_text,
    '',
    'Solution:',
    draft.solution_text,
  ].join('\n');
}

const normalize = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export type ContributionResult =
  | { posted: true; id: string; status: number }
  | { posted: false; reason: 'below_quality_floor'; problems: string[] }
  | { posted: false; reason: 'duplicate'; existing_id?: string }
  | { posted: false; reason: 'no_key' | 'refused'; status?: number | string; code?: string };

/**
 * Posts a draft after the checks an automatic contribution needs: the quality floor, and no
 * duplicate, checked with the server twice: a search for the draft's title (a result with the
 * same title, or a trace this session surfaced and verified for the same problem, is a duplicate),
 * then the contribution itself without `force`, which the server refuses as `duplicate_trace`.
 */
export async function contribute(draft: Draft, rt: Runtime, state: SessionState | null, opts: { requireFloor: boolean }): Promise<ContributionResult> {
  const problems = qualityProblems(draft);
  if (opts.requireFloor && problems.length) return { posted: false, reason: 'below_quality_floor', problems };
  if (!(await ensureKey(rt))) return { posted: false, reason: 'no_key' };
  const search = await rt.client.call<{ results: SurfacedTrace[] }>('POST', '/api/v1/traces/search', { q: draft.title, limit: 5 });
  if (search.ok) {
    const verified = new Set((state?.sent ?? []).filter((s) => s.kind === 'verification' && s.ok).map((s) => s.trace_id));
    const same = search.body.results.find((r) => normalize(r.title) === normalize(draft.title) || verified.has(r.id));
    if (same) return { posted: false, reason: 'duplicate', existing_id: same.id };
  }
  const res = await rt.client.call<{ id: string }>('POST', '/api/v1/traces', { ...draft, agent_model: 'claude-code' });
  if (res.ok) {
    state?.sent.push({ kind: 'contribution', trace_id: res.body.id, ok: true, status: res.status, at: Date.now() });
    return { posted: true, id: res.body.id, status: res.status };
  }
  if (res.code === 'duplicate_trace') return { posted: false, reason: 'duplicate', existing_id: res.body?.['existing_id'] as string | undefined };
  return { posted: false, reason: 'refused', status: res.status, code: res.code };
}
