import { createHash } from 'node:crypto';

/**
 * The environment a verification (or a vote's `voter_context`) reports: language, framework,
 * package versions, runtime, OS, tool versions. Stored as given (bounded by the contract);
 * compared through these helpers.
 */
export interface EnvironmentFacts {
  language?: string;
  framework?: string;
  runtime?: string;
  os?: string;
  /** Versions by name: `{ "react": "18.2.0" }` (`packages` and `versions` are read alike). */
  packages?: Record<string, string>;
  versions?: Record<string, string>;
  tools?: Record<string, string>;
}

const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');

/** Every name → version the environment carries, names lowercased. */
export function versionsOf(env: EnvironmentFacts | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of [env?.packages, env?.versions, env?.tools]) {
    if (!group || typeof group !== 'object') continue;
    for (const [k, v] of Object.entries(group)) if (typeof v === 'string' && v.trim()) out.set(k.trim().toLowerCase(), v.trim());
  }
  return out;
}

/**
 * The fingerprint that makes two reports "the same environment": language, framework, runtime, OS
 * and every version, normalized (trimmed, lowercased, names sorted), hashed. Key order and case
 * do not matter; a different version is another environment.
 */
export function environmentKey(env: EnvironmentFacts): string {
  const versions = [...versionsOf(env).entries()].map(([k, v]) => `${k}=${v.toLowerCase()}`).sort();
  const canonical = JSON.stringify([norm(env.language), norm(env.framework), norm(env.runtime), norm(env.os), versions]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** -1, 0 or 1 by the numeric parts of two versions (`1.10.0` > `1.9`; a `v` prefix and suffixes ignored). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (v.match(/\d+/g) ?? []).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0 ? 1 : -1;
  }
  return 0;
}

/**
 * Whether a report's environment disagrees with the trace's (its language, framework and the
 * versions it names): a field counts only when both sides give it; a version differs when its
 * major part differs. Nothing to compare means it matches.
 */
export function environmentMatches(trace: EnvironmentFacts, report: EnvironmentFacts | null | undefined): boolean {
  if (!report) return true;
  for (const field of ['language', 'framework'] as const) {
    if (norm(trace[field]) && norm(report[field]) && norm(trace[field]) !== norm(report[field])) return false;
  }
  const theirs = versionsOf(report);
  for (const [name, version] of versionsOf(trace)) {
    const other = theirs.get(name);
    if (other && (version.match(/\d+/)?.[0] ?? '') !== (other.match(/\d+/)?.[0] ?? '')) return false;
  }
  return true;
}

/**
 * Whether `env` is newer than every one of `than` on some version they share (a failure on
 * versions the trace was never shown to work on). False when no earlier environment names any
 * of its versions.
 */
export function isNewerEnvironment(env: EnvironmentFacts, than: EnvironmentFacts[]): boolean {
  const mine = versionsOf(env);
  for (const [name, version] of mine) {
    const seen = than.map((t) => versionsOf(t).get(name)).filter((v): v is string => !!v);
    if (seen.length && seen.every((v) => compareVersions(version, v) > 0)) return true;
  }
  return false;
}
