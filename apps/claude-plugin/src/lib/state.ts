import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from './environment';

/** A trace the plugin showed the agent. */
export interface Surfaced {
  trace_id: string;
  title: string;
  /** The error signature it was found for; null for session-start context. */
  signature: string | null;
  /** Whether the server matched it by that error signature (its stored error is this error): only such traces are verified automatically. */
  signature_match?: boolean;
  at: number;
}

/** A failing command, and whether a later run of it passed. */
export interface Failure {
  signature: string;
  command: string;
  command_key: string;
  error_excerpt: string;
  attempts: number;
  first_at: number;
  last_at: number;
  resolved_at?: number;
  /** Whether the agent edited files between the failure and the run that passed. */
  edited: boolean;
}

/** What left the machine: every verification and contribution the plugin sent. */
export interface Sent {
  kind: 'verification' | 'contribution';
  trace_id: string;
  outcome?: string;
  signature?: string;
  environment?: Environment;
  ok: boolean;
  status: number | string;
  at: number;
}

export interface SessionState {
  session_id: string;
  cwd: string;
  environment?: Environment;
  surfaced: Surfaced[];
  failures: Failure[];
  edits: number[];
  searches: Record<string, number>;
  sent: Sent[];
  contribution_suggested: boolean;
  notices: string[];
  updated_at: number;
}

const MAX_ITEMS = 200;

function fileName(sessionId: string): string {
  return `${sessionId.replace(/[^\w-]/g, '_').slice(0, 128) || 'unknown'}.json`;
}

export function sessionFile(stateDir: string, sessionId: string): string {
  return join(stateDir, 'sessions', fileName(sessionId));
}

export function emptyState(sessionId: string, cwd: string): SessionState {
  return { session_id: sessionId, cwd, surfaced: [], failures: [], edits: [], searches: {}, sent: [], contribution_suggested: false, notices: [], updated_at: Date.now() };
}

export function loadState(stateDir: string, sessionId: string, cwd: string): SessionState {
  try {
    const parsed = JSON.parse(readFileSync(sessionFile(stateDir, sessionId), 'utf8')) as SessionState;
    return { ...emptyState(sessionId, cwd), ...parsed };
  } catch {
    return emptyState(sessionId, cwd);
  }
}

/** Writes the session's file (0600) through a rename, so a reader never sees half of it. */
export function saveState(stateDir: string, state: SessionState): void {
  const dir = join(stateDir, 'sessions');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  state.updated_at = Date.now();
  for (const key of ['surfaced', 'failures', 'edits', 'sent'] as const) {
    const list = state[key] as unknown[];
    if (list.length > MAX_ITEMS) list.splice(0, list.length - MAX_ITEMS);
  }
  const file = sessionFile(stateDir, state.session_id);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  renameSync(tmp, file);
}

/** The most recently updated session state, optionally of one working directory. */
export function latestState(stateDir: string, cwd?: string): SessionState | null {
  const dir = join(stateDir, 'sessions');
  let best: { state: SessionState; mtime: number } | null = null;
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return null;
  }
  for (const name of names) {
    try {
      const mtime = statSync(join(dir, name)).mtimeMs;
      if (best && mtime <= best.mtime) continue;
      const state = JSON.parse(readFileSync(join(dir, name), 'utf8')) as SessionState;
      if (cwd && state.cwd !== cwd) continue;
      best = { state, mtime };
    } catch {
      /* a file being replaced: skip it */
    }
  }
  return best?.state ?? null;
}

/** Where the agent saves the draft of a contribution for this session. */
export function draftFile(stateDir: string, sessionId: string): string {
  return join(stateDir, 'drafts', fileName(sessionId));
}

const LOCK_WAIT_MS = 400;
const LOCK_STALE_MS = 10_000;

/**
 * Runs `fn` holding the session's lock (a directory made atomically beside its file), so hooks that
 * Claude Code runs in parallel (parallel tool calls) do not lose each other's updates. A hook
 * waits at most LOCK_WAIT_MS for it and then goes on without it: never blocking the session
 * matters more. A lock older than LOCK_STALE_MS is a crashed hook's, and is taken over.
 */
export async function withSessionLock<T>(stateDir: string, sessionId: string, fn: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const lock = `${sessionFile(stateDir, sessionId)}.lock`;
  mkdirSync(join(stateDir, 'sessions'), { recursive: true, mode: 0o700 });
  const until = Date.now() + waitMs;
  let held = false;
  while (!held) {
    try {
      mkdirSync(lock);
      held = true;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* released meanwhile */
      }
      if (Date.now() >= until) break;
      await new Promise((r) => setTimeout(r, 15));
    }
  }
  try {
    return await fn();
  } finally {
    if (held) rmSync(lock, { recursive: true, force: true });
  }
}

/** Session files and drafts older than this are removed at session start. */
export const STATE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** Removes the state and drafts of sessions untouched for STATE_MAX_AGE_MS; returns how many files went. */
export function pruneStates(stateDir: string, now = Date.now(), maxAgeMs = STATE_MAX_AGE_MS): number {
  let removed = 0;
  for (const sub of ['sessions', 'drafts']) {
    const dir = join(stateDir, sub);
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        if (now - statSync(join(dir, name)).mtimeMs > maxAgeMs) {
          rmSync(join(dir, name), { recursive: true, force: true });
          removed += 1;
        }
      } catch {
        /* gone meanwhile */
      }
    }
  }
  return removed;
}
