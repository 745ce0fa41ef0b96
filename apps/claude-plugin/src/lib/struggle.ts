import type { SessionState } from './state';

/** A problem this session solved: an error that stopped after a change. */
export interface SolvedStruggle {
  signature: string;
  command: string;
  /** The redacted lines of the error, as the agent saw them. */
  error_excerpt: string;
  attempts: number;
  edited: boolean;
}

/**
 * The session's solved struggle worth suggesting as a contribution, or null: a failure that a
 * later run of the same command no longer shows, after the agent changed files (or after two or
 * more failed attempts), and that no trace surfaced for it already solved (that is a verification,
 * not a new trace). The most-attempted one wins.
 */
export function solvedStruggle(state: SessionState): SolvedStruggle | null {
  const verified = new Set(state.sent.filter((s) => s.kind === 'verification' && s.ok).map((s) => s.signature));
  const candidates = state.failures.filter((f) => f.resolved_at && (f.edited || f.attempts >= 2) && !verified.has(f.signature));
  if (!candidates.length) return null;
  const best = candidates.reduce((a, b) => (b.attempts > a.attempts ? b : a));
  return { signature: best.signature, command: best.command, error_excerpt: best.error_excerpt, attempts: best.attempts, edited: best.edited };
}
