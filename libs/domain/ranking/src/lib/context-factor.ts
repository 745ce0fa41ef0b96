import { clampFactor, DEFAULT_RANKING_WEIGHTS, RankingWeights } from './ranking-weights';
import { compareToDeclared, MAX_VERSION_LENGTH, VersionComparison } from './version-range';

/**
 * What context matching reads, on both sides (the searcher's `context` and a trace's
 * `metadata`, `metadata.environment`, and the environments verifications reported):
 * - `language`, `framework`, `runtime`, `os`: strings;
 * - `versions`, `packages`, `tools`: objects name → version (`{ "react": "18.2" }`), read alike;
 * - in the searcher's context only, any other top-level key whose value looks like a version
 *   (`{ "node": "20.11" }`) is a version too.
 * Names are lowercased; at most MAX_CONTEXT_ENTRIES versions are read per side; strings longer
 * than MAX_VERSION_LENGTH are ignored. A trace's own `language` / `framework` columns come
 * before its metadata's, and its tags count as languages and frameworks it is about.
 */
export interface EnvironmentView {
  language: string | null;
  framework: string | null;
  runtime: string | null;
  os: string | null;
  versions: Map<string, string>;
}

export const MAX_CONTEXT_ENTRIES = 32;
const FIELDS = ['language', 'framework', 'runtime', 'os'] as const;
const VERSION_GROUPS = ['versions', 'packages', 'tools'] as const;
const LOOKS_LIKE_VERSION = /^[\sv=^~<>]{0,8}\d/;

const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript', js: 'javascript', node: 'javascript', nodejs: 'javascript', py: 'python', python3: 'python',
  golang: 'go', rs: 'rust', kt: 'kotlin', 'c#': 'csharp', cs: 'csharp', rb: 'ruby', 'c++': 'cpp', bash: 'shell',
  sh: 'shell', zsh: 'shell', postgresql: 'sql', psql: 'sql', mysql: 'sql',
};
/** Languages a searcher of one may well use a trace of the other for: neither a match nor a mismatch. */
const KIN: Record<string, string> = { typescript: 'javascript', javascript: 'typescript' };
const OS_FAMILIES: Record<string, string> = {
  ubuntu: 'linux', debian: 'linux', alpine: 'linux', fedora: 'linux', centos: 'linux', rhel: 'linux', arch: 'linux', gnu: 'linux',
  darwin: 'macos', mac: 'macos', macosx: 'macos', osx: 'macos', win: 'windows', win32: 'windows', win64: 'windows', wsl: 'linux',
};
const FRAMEWORK_ALIASES: Record<string, string> = { next: 'next.js', nextjs: 'next.js', 'vue.js': 'vue', nest: 'nestjs', sveltekit: 'svelte' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() && v.length <= MAX_VERSION_LENGTH ? v.trim().toLowerCase() : null);
/** The first word of a name (`"node 20.11"` → node, `"ubuntu-22.04"` → ubuntu). */
const head = (v: string) => v.split(/[\s@/_-]/)[0] ?? v;

/** A table's own entry for a key (never an inherited one such as `constructor`). */
const own = (table: Record<string, string>, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

export const normalizeLanguage = (v: string) => own(LANGUAGE_ALIASES, v) ?? v;
export const normalizeFramework = (v: string) => own(FRAMEWORK_ALIASES, v) ?? v;
export function normalizeOs(v: string): string {
  const h = /^[^\d.]*/.exec(head(v))?.[0] ?? '';
  if (h.startsWith('macos')) return 'macos';
  if (h.startsWith('windows')) return 'windows';
  return own(OS_FAMILIES, h) ?? h;
}

/** Reads an environment from a free-form object (see EnvironmentView); `topLevelVersions` for the searcher's context. */
export function readEnvironment(source: unknown, topLevelVersions = false): EnvironmentView {
  const view: EnvironmentView = { language: null, framework: null, runtime: null, os: null, versions: new Map() };
  if (!isRecord(source)) return view;
  const put = (name: string, version: unknown) => {
    const n = name.trim().toLowerCase();
    const v = text(version);
    if (n && n.length <= MAX_VERSION_LENGTH && v && view.versions.size < MAX_CONTEXT_ENTRIES && !view.versions.has(n)) view.versions.set(n, v);
  };
  for (const field of FIELDS) view[field] = text(source[field]);
  for (const group of VERSION_GROUPS) {
    const g = source[group];
    if (!isRecord(g)) continue;
    for (const [name, version] of Object.entries(g).slice(0, MAX_CONTEXT_ENTRIES)) put(name, version);
  }
  if (topLevelVersions) {
    for (const [name, value] of Object.entries(source).slice(0, MAX_CONTEXT_ENTRIES * 2)) {
      if ((FIELDS as readonly string[]).includes(name) || (VERSION_GROUPS as readonly string[]).includes(name)) continue;
      if (typeof value === 'string' && LOOKS_LIKE_VERSION.test(value)) put(name, value);
    }
  }
  // A runtime with a version (`"node 20.11"`, `"python@3.12"`) names a version too.
  if (view.runtime) {
    const m = /^([a-z][\w.+-]*?)[\s@]+v?(\d[\w.+-]*)$/.exec(view.runtime);
    if (m) {
      put(m[1], m[2]);
      view.runtime = m[1];
    }
  }
  return view;
}

/** The environment a trace declares: its columns, then `metadata`, then `metadata.environment`. */
export function traceEnvironment(trace: ContextTrace): EnvironmentView {
  const md = isRecord(trace.metadata) ? trace.metadata : {};
  const top = readEnvironment(md);
  const nested = readEnvironment(md['environment']);
  const versions = new Map(nested.versions);
  for (const [k, v] of top.versions) versions.set(k, v);
  return {
    language: text(trace.language) ?? top.language ?? nested.language,
    framework: text(trace.framework) ?? top.framework ?? nested.framework,
    runtime: top.runtime ?? nested.runtime,
    os: top.os ?? nested.os,
    versions,
  };
}

export interface ContextTrace {
  language?: string | null;
  framework?: string | null;
  tags?: readonly string[] | null;
  metadata?: Record<string, unknown> | null;
  /** Environments verifications reported it working on (the trust summary's `environments`). */
  verified_environments?: readonly Record<string, unknown>[] | null;
}

export type CheckOutcome = 'match' | 'mismatch' | 'kin' | VersionComparison | 'verified';

export interface ContextCheck {
  key: string;
  searcher: string;
  trace: string | null;
  outcome: CheckOutcome;
  multiplier: number;
}

export interface ContextFactor {
  multiplier: number;
  /** One entry per fact the searcher gave; `unknown` when the trace says nothing about it. */
  checks: ContextCheck[];
}

/**
 * How well a trace's environment fits the searcher's context: the product of one multiplier per
 * fact the searcher gave, clamped to [floor, max]:
 * - language: same (or a tag names it) → match; typescript/javascript → kin (neutral); other → mismatch;
 * - framework, runtime, os (by family: ubuntu is linux): same → match, other → mismatch; a tag
 *   naming the searcher's framework is a match;
 * - each version: against the trace's declared version (compareToDeclared), inside a range or on
 *   the same major → match, outside a declared range → versionOutsideRange, another major of a
 *   bare version → versionOtherMajor; when the trace declares nothing, a verification that
 *   worked on the same major → verified (a match);
 * - anything the trace does not say is unknown: neutral.
 */
export function contextFactor(searcherContext: unknown, trace: ContextTrace, weights: RankingWeights = DEFAULT_RANKING_WEIGHTS): ContextFactor {
  return contextFactorFor(readSearcherContext(searcherContext), trace, weights);
}

/** The searcher's context as context matching reads it: read once per search, used for every candidate. */
export function readSearcherContext(searcherContext: unknown): EnvironmentView {
  return readEnvironment(searcherContext, true);
}

/** contextFactor for a searcher context already read (readSearcherContext). */
export function contextFactorFor(mine: EnvironmentView, trace: ContextTrace, weights: RankingWeights = DEFAULT_RANKING_WEIGHTS): ContextFactor {
  const w = weights.context;
  const theirs = traceEnvironment(trace);
  const tags = new Set((trace.tags ?? []).filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase()));
  const checks: ContextCheck[] = [];
  const add = (key: string, searcher: string, value: string | null, outcome: CheckOutcome, multiplier: number) =>
    checks.push({ key, searcher, trace: value, outcome, multiplier });

  if (mine.language) {
    const s = normalizeLanguage(mine.language);
    const t = theirs.language ? normalizeLanguage(theirs.language) : null;
    if (t === s || (!t && (tags.has(s) || tags.has(mine.language)))) add('language', mine.language, theirs.language, 'match', w.match.language);
    else if (t && own(KIN, s) === t) add('language', mine.language, theirs.language, 'kin', 1);
    else if (t) add('language', mine.language, theirs.language, 'mismatch', w.mismatch.language);
    else add('language', mine.language, null, 'unknown', 1);
  }
  if (mine.framework) {
    const s = normalizeFramework(mine.framework);
    const t = theirs.framework ? normalizeFramework(theirs.framework) : null;
    if (t === s || tags.has(s) || tags.has(mine.framework)) add('framework', mine.framework, theirs.framework, 'match', w.match.framework);
    else if (t) add('framework', mine.framework, theirs.framework, 'mismatch', w.mismatch.framework);
    else add('framework', mine.framework, null, 'unknown', 1);
  }
  for (const field of ['runtime', 'os'] as const) {
    const value = mine[field];
    if (!value) continue;
    const norm = field === 'os' ? normalizeOs : head;
    const t = theirs[field];
    if (!t) add(field, value, null, 'unknown', 1);
    else if (norm(t) === norm(value)) add(field, value, t, 'match', w.match[field]);
    else add(field, value, t, 'mismatch', w.mismatch[field]);
  }

  const verified = (trace.verified_environments ?? []).slice(0, MAX_CONTEXT_ENTRIES).map((e) => readEnvironment(e));
  for (const [name, version] of mine.versions) {
    const declared = theirs.versions.get(name) ?? null;
    const comparison = declared ? compareToDeclared(version, declared) : 'unknown';
    const verifiedSame = verified.some((env) => {
      const v = env.versions.get(name);
      return !!v && compareToDeclared(version, v) === 'same_major';
    });
    if (comparison === 'inside_range' || comparison === 'same_major') add(`versions.${name}`, version, declared, comparison, w.match.version);
    else if (verifiedSame) add(`versions.${name}`, version, declared, 'verified', w.match.version);
    else if (comparison === 'outside_range') add(`versions.${name}`, version, declared, comparison, w.versionOutsideRange);
    else if (comparison === 'other_major') add(`versions.${name}`, version, declared, comparison, w.versionOtherMajor);
    else add(`versions.${name}`, version, declared, 'unknown', 1);
  }

  const product = checks.reduce((p, c) => p * c.multiplier, 1);
  return { multiplier: clampFactor(product, w.floor, w.max), checks };
}
