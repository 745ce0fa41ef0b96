/**
 * Every weight, strength, floor and half-life of search ranking, in one place (docs/decisions.md,
 * "Ranking", explains the formula). A result's score is
 *
 *   relevance × trust × freshness × context × status
 *
 * where relevance is the weighted reciprocal rank fusion of the retrievers' lists and every other
 * factor is a multiplier clamped to [floor, max] with floor > 0: no factor removes a relevant
 * result; only a hidden status (and a buried trust summary) excludes one. RRF scores are close
 * together (rank 1 scores 1/61, rank 10 1/70 with k = 60), so the factors' ranges are kept
 * narrow: a factor of 0.85 already moves a result down about ten places.
 */
export interface RankingWeights {
  fusion: {
    /** The RRF constant: larger flattens the advantage of the very top ranks. */
    k: number;
    /** Weight of each retriever's list by name; a retriever not named weighs `defaultWeight`. */
    retrievers: Readonly<Record<string, number>>;
    defaultWeight: number;
    /**
     * The vector list's weight for embedding models that carry no meaning beyond their words,
     * by model id: it replaces `retrievers.vector` when the query vector is of such a model.
     */
    vectorModels: Readonly<Record<string, number>>;
  };
  trust: {
    /** Factor when the positive share is certain (Wilson lower bound 1). */
    max: number;
    /** Factor when the negative share is certain: the sink of a trace that failed for many. */
    floor: number;
  };
  freshness: {
    /** Half-life in days by technology (tags, language, framework); the fastest one a trace names wins. */
    halfLifeDays: Readonly<Record<string, number>>;
    /** Half-life of a trace that names no technology in the table. */
    defaultHalfLifeDays: number;
    /** The factor of very old knowledge: it sinks, never vanishes. */
    floor: number;
  };
  context: {
    /** Multiplier when the searcher's language / framework / OS / runtime matches the trace's. */
    match: { language: number; framework: number; os: number; runtime: number; version: number };
    /** Multiplier when they differ (both sides known). */
    mismatch: { language: number; framework: number; os: number; runtime: number };
    /** The searcher's version is outside a range the trace declares (`">=18 <21"`, `"^5.0"`). */
    versionOutsideRange: number;
    /** The trace names a bare version (`"18.19"`) whose major differs from the searcher's. */
    versionOtherMajor: number;
    /** Bounds of the product of all checks. */
    max: number;
    floor: number;
  };
  /** Multiplier by status; `hidden` is never scored (excluded). */
  status: { validated: number; pending: number; stale: number; disputed: number; superseded: number };
  diversity: {
    /** MMR trade-off: 1 keeps score order, 0 only avoids similarity. */
    lambda: number;
    /** How many of the first places are chosen by MMR; below them the score order stays. */
    top: number;
    /** How many of the best-scored results MMR chooses the top from. */
    pool: number;
  };
}

const days = (years: number) => Math.round(years * 365);

/** Fast-moving front-end frameworks and their build tools: about a year. */
const FAST = days(1);
/** General-purpose languages, runtimes, libraries, back-end frameworks, tooling: two years. */
const MEDIUM = days(2);
/** Databases, SQL, Linux and other operating systems, shells, git, networking: four and a half years. */
const SLOW = days(4.5);

const table = (halfLife: number, names: string[]) => Object.fromEntries(names.map((n) => [n, halfLife]));

/** Technology → half-life (days). Names are tags as CommonTrace normalizes them, and stored language/framework names. */
export const FRESHNESS_HALF_LIVES: Readonly<Record<string, number>> = {
  ...table(FAST, [
    'react', 'react-dom', 'react-native', 'next', 'next.js', 'nextjs', 'vue', 'vue.js', 'nuxt', 'angular', 'svelte',
    'sveltekit', 'vite', 'webpack', 'remix', 'astro', 'solid', 'solidjs', 'gatsby', 'expo', 'tailwindcss', 'esbuild',
    'turbopack', 'app-router', 'ssr', 'hydration',
  ]),
  ...table(MEDIUM, [
    'javascript', 'typescript', 'node', 'nodejs', 'deno', 'bun', 'python', 'go', 'rust', 'java', 'kotlin', 'scala',
    'csharp', 'ruby', 'php', 'swift', 'npm', 'pnpm', 'yarn', 'pip', 'cargo', 'maven', 'gradle', 'express', 'nestjs',
    'django', 'fastapi', 'flask', 'spring-boot', 'rails', 'laravel', 'jest', 'pydantic', 'pandas', 'tokio', 'docker',
    'docker-compose', 'kubernetes', 'github-actions', 'gitlab-ci', 'terraform', 'aws',
  ]),
  ...table(SLOW, [
    'sql', 'postgresql', 'postgres', 'mysql', 'mariadb', 'sqlite', 'redis', 'mongodb', 'linux', 'ubuntu', 'debian',
    'alpine', 'unix', 'posix', 'shell', 'bash', 'zsh', 'powershell', 'git', 'ssh', 'systemd', 'networking', 'c', 'cpp',
    'make',
  ]),
};

export const DEFAULT_RANKING_WEIGHTS: RankingWeights = {
  fusion: {
    k: 60,
    // An exact error-signature match is the strongest evidence a query can give: it leads.
    retrievers: { error_signature: 3, lexical: 1, vector: 1, tags: 1 },
    defaultWeight: 1,
    // The offline embedder hashes character trigrams: a lexical signal weaker than BM25 (MAP 0.60
    // against 0.89 on the seed set), and rank fusion lets even a small weight reorder the close
    // BM25 ranks (0.3 cost 0.05 MAP). Its neighbours only follow the lexical ones.
    vectorModels: { 'offline-hash-v1': 0 },
  },
  trust: { max: 1.3, floor: 0.3 },
  freshness: { halfLifeDays: FRESHNESS_HALF_LIVES, defaultHalfLifeDays: MEDIUM, floor: 0.6 },
  context: {
    match: { language: 1.04, framework: 1.03, os: 1.01, runtime: 1.01, version: 1.03 },
    mismatch: { language: 0.85, framework: 0.95, os: 0.97, runtime: 0.95 },
    versionOutsideRange: 0.75,
    versionOtherMajor: 1,
    max: 1.15,
    floor: 0.5,
  },
  status: { validated: 1.1, pending: 1, stale: 0.75, disputed: 0.6, superseded: 0.5 },
  diversity: { lambda: 0.9, top: 5, pool: 15 },
};

/** Deep-enough override of the defaults: each group replaces only the keys it gives. */
export type RankingWeightsOverride = { [G in keyof RankingWeights]?: Partial<RankingWeights[G]> };

export function rankingWeights(override: RankingWeightsOverride = {}): RankingWeights {
  const d = DEFAULT_RANKING_WEIGHTS;
  return {
    fusion: { ...d.fusion, ...override.fusion },
    trust: { ...d.trust, ...override.trust },
    freshness: { ...d.freshness, ...override.freshness },
    context: { ...d.context, ...override.context },
    status: { ...d.status, ...override.status },
    diversity: { ...d.diversity, ...override.diversity },
  };
}

/** Keeps a multiplier inside [floor, max]; a non-finite value counts as neutral (1, then clamped). */
export function clampFactor(value: number, floor: number, max: number): number {
  const v = Number.isFinite(value) ? value : 1;
  return Math.min(max, Math.max(floor, v));
}
