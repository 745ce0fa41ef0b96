/**
 * Search quality: runs labelled query sets through the real search path and prints MAP, MRR,
 * P@1, P@5 and nDCG@10 per search mode, overall and per query kind, beside a plain BM25
 * baseline over the same corpus (bm25.ts) computed by the same command.
 *
 * For each set (sets.ts: the project's own over the seed corpus, and every set under
 * ../shared/eval/), a fresh, empty database on the local PostgreSQL gets the set's corpus through
 * POST /api/v1/traces (stack.ts: the all-in-one process, offline embedder), and every query goes
 * through POST /api/v1/traces/search with its q, tags, context and limit.
 *
 * Run: npm run eval:search [-- --json]
 *   EVAL_SETS          comma-separated set names to run (default: all; the project's is search-seed)
 *   EVAL_LIMIT         results asked for per query, the depth of MAP and MRR (default 50, the API's maximum)
 *   EVAL_DISTRACTORS   realistic distractor traces stored beside each corpus (default 0; offline embedder only)
 *   EVAL_MODES         comma-separated search modes to measure (default: ranked,hybrid,lexical,vector)
 *   EVAL_LOG_LEVEL     log level of the evaluated process (default warn)
 *   TEST_POSTGRES_URL  the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 *   EMBEDDING_PROVIDER and the other EMBEDDING_* / OPENAI_* settings are passed to the evaluated process.
 */
import { SearchQueryTraces } from '@commontrace/contracts';
import { Bm25Index } from './bm25';
import { meanScores, METRICS, QueryScores, scoreQuery } from './metrics';
import { EvalSet, gradesOf, LabelledQuery, loadSets } from './sets';
import { distractor, loadCorpus, loadDistractors, post, Stack, startStack } from './stack';

/**
 * The search modes measured, each sent as the request's `mode`: `ranked` (the default search),
 * `hybrid` (fused retrievers, no re-rank), and each retriever alone. `EVAL_MODES` picks some.
 */
const ALL_MODES = SearchQueryTraces.SEARCH_MODES;
const MODES: { name: string; request: Record<string, unknown> }[] = (process.env['EVAL_MODES']?.split(',') ?? [...ALL_MODES]).map((name) => {
  if (!(ALL_MODES as readonly string[]).includes(name)) throw new Error(`EVAL_MODES: unknown mode ${name} (known: ${ALL_MODES.join(', ')})`);
  return { name, request: { mode: name } };
});
const BASELINE = 'bm25';
/** The kind shown first: agent queries with little word overlap with their answer. */
const HIGHLIGHT = 'low-overlap';

const LIMIT = Number(process.env['EVAL_LIMIT'] ?? SearchQueryTraces.SEARCH_LIMITS.maxLimit);
const DISTRACTORS = Number(process.env['EVAL_DISTRACTORS'] ?? 0);
const JSON_OUTPUT = process.argv.includes('--json');
const log = (line: string) => (JSON_OUTPUT ? console.error(line) : console.log(line));

interface QueryResult {
  id: string;
  kind: string | null;
  /** Per ranker: the scores, and the rank of the first relevant trace (null when none was returned). */
  rankers: Record<string, QueryScores & { first_relevant: number | null }>;
}

interface SetReport {
  name: string;
  source: string;
  queries: number;
  corpus: number;
  stored: number;
  forced_duplicates: string[];
  rejected: { id: string; status: number; code: string }[];
  distractors: number;
  limit: number;
  rankers: string[];
  /** Per mode: queries whose search failed (their ranking counts as empty), and queries that a vector retriever answered. */
  search: Record<string, { errors: number; with_vectors: number; mean_ms: number }>;
  /** "all" and "kind:<kind>": the number of queries and the mean scores of each ranker. */
  slices: Record<string, { queries: number; scores: Record<string, QueryScores> }>;
  per_query: QueryResult[];
}

async function evaluate(set: EvalSet): Promise<SetReport> {
  if (DISTRACTORS > 0 && (process.env['EMBEDDING_PROVIDER'] ?? 'offline') !== 'offline') {
    throw new Error('EVAL_DISTRACTORS needs the offline embedder (their vectors are computed here with it)');
  }
  log(`\n${set.name}: ${set.corpus.length} traces, ${set.queries.length} queries (${set.source})`);
  const stack: Stack = await startStack();
  try {
    const started = Date.now();
    const loaded = await loadCorpus(stack, set.corpus);
    log(
      `  stored ${loaded.stored} through POST /traces in ${((Date.now() - started) / 1000).toFixed(0)} s` +
        ` (${loaded.forced.length} forced duplicates${loaded.forced.length ? `: ${loaded.forced.join(', ')}` : ''}; ${loaded.rejected.length} rejected)`,
    );
    for (const r of loaded.rejected) log(`  rejected ${r.id}: ${r.status} ${r.code}`);
    const bm25 = new Bm25Index();
    for (const t of set.corpus) bm25.add(t);
    if (DISTRACTORS > 0) {
      const t0 = Date.now();
      await loadDistractors(stack, DISTRACTORS);
      for (let seed = 0; seed < DISTRACTORS; seed++) bm25.add({ id: `distractor:${seed}`, ...distractor(seed) });
      log(`  stored ${DISTRACTORS} distractor traces in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }

    const search: SetReport['search'] = {};
    const rankings: Record<string, string[][]> = {};
    for (const mode of MODES) {
      const stats = { errors: 0, with_vectors: 0, mean_ms: 0 };
      const lists: string[][] = [];
      let ms = 0;
      for (const [n, q] of set.queries.entries()) {
        if (n > 0 && n % 50 === 0) log(`  ${mode.name}: ${n}/${set.queries.length} queries`);
        const t0 = process.hrtime.bigint();
        const answer = await post<SearchQueryTraces.QueryTracesReply & { code?: string }>(stack, '/traces/search', {
          q: q.q,
          ...(q.tags?.length ? { tags: q.tags } : {}),
          ...(q.context ? { context: q.context } : {}),
          limit: LIMIT,
          ...mode.request,
        });
        ms += Number(process.hrtime.bigint() - t0) / 1e6;
        if (answer.status !== 200) {
          stats.errors += 1;
          log(`  ${mode.name} ${q.id}: ${answer.status} ${answer.body.code ?? ''}`);
          lists.push([]);
          continue;
        }
        if (answer.body.retrievers.includes('vector')) stats.with_vectors += 1;
        const local = (id: string) => loaded.localOf.get(id) ?? `stored:${id}`;
        lists.push(answer.body.results.map((r) => local(r.id)));
      }
      stats.mean_ms = Number((ms / Math.max(1, set.queries.length)).toFixed(1));
      search[mode.name] = stats;
      rankings[mode.name] = lists;
    }
    rankings[BASELINE] = set.queries.map((q) => bm25.search(q.q, LIMIT, q.tags ?? []));

    const rankers = [...MODES.map((m) => m.name), BASELINE];
    const perQuery: QueryResult[] = set.queries.map((q, i) => {
      const grades = gradesOf(q);
      const byRanker: QueryResult['rankers'] = {};
      for (const name of rankers) {
        const ranking = rankings[name][i];
        const first = ranking.findIndex((id) => (grades.get(id) ?? 0) > 0);
        byRanker[name] = { ...scoreQuery(ranking, grades), first_relevant: first < 0 ? null : first + 1 };
      }
      return { id: q.id, kind: q.kind ?? null, rankers: byRanker };
    });
    return {
      name: set.name,
      source: set.source,
      queries: set.queries.length,
      corpus: set.corpus.length,
      stored: loaded.stored,
      forced_duplicates: loaded.forced,
      rejected: loaded.rejected,
      distractors: DISTRACTORS,
      limit: LIMIT,
      rankers,
      search,
      slices: slices(set.queries, perQuery, rankers),
      per_query: perQuery,
    };
  } finally {
    await stack.stop();
  }
}

function slices(queries: LabelledQuery[], perQuery: QueryResult[], rankers: string[]): SetReport['slices'] {
  const kinds = [...new Set(queries.map((q) => q.kind).filter((k): k is string => !!k))].sort((a, b) =>
    a === HIGHLIGHT ? -1 : b === HIGHLIGHT ? 1 : a.localeCompare(b),
  );
  const groups: [string, QueryResult[]][] = [['all', perQuery], ...kinds.map((k): [string, QueryResult[]] => [`kind:${k}`, perQuery.filter((r) => r.kind === k)])];
  return Object.fromEntries(
    groups.map(([name, results]) => [
      name,
      { queries: results.length, scores: Object.fromEntries(rankers.map((r) => [r, meanScores(results.map((q) => q.rankers[r]))])) },
    ]),
  );
}

function table(report: SetReport): string {
  const f = (x: number) => x.toFixed(3).padStart(8);
  const d = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`.padStart(8);
  const lines = [`${'slice'.padEnd(28)}${'ranker'.padEnd(16)}${'queries'.padStart(8)}${METRICS.map((m) => m.label.padStart(8)).join('')}`];
  for (const [name, slice] of Object.entries(report.slices)) {
    const label = name.replace(/^kind:/, '') + (name === `kind:${HIGHLIGHT}` ? ' *' : '');
    const base = slice.scores[BASELINE];
    report.rankers.forEach((ranker, i) => {
      const s = slice.scores[ranker];
      lines.push(`${(i === 0 ? label : '').padEnd(28)}${ranker.padEnd(16)}${String(slice.queries).padStart(8)}${METRICS.map((m) => f(s[m.key])).join('')}`);
    });
    for (const mode of MODES) {
      const s = slice.scores[mode.name];
      lines.push(`${''.padEnd(28)}${`${mode.name} − ${BASELINE}`.padEnd(16)}${''.padStart(8)}${METRICS.map((m) => d(s[m.key] - base[m.key])).join('')}`);
    }
  }
  const search = MODES.map((m) => {
    const s = report.search[m.name];
    return `${m.name}: ${s.with_vectors}/${report.queries} queries answered with vectors, ${s.errors} errors, ${s.mean_ms} ms per query`;
  });
  return [
    ...lines,
    `  * the highlighted kind. Depth ${report.limit} results per query; ${report.stored}/${report.corpus} traces stored, ${report.distractors} distractors.`,
    `  ${search.join('; ')}`,
  ].join('\n');
}

async function main(): Promise<void> {
  if (!Number.isInteger(LIMIT) || LIMIT < 1 || LIMIT > SearchQueryTraces.SEARCH_LIMITS.maxLimit) {
    throw new Error(`EVAL_LIMIT must be an integer from 1 to ${SearchQueryTraces.SEARCH_LIMITS.maxLimit}`);
  }
  if (!Number.isInteger(DISTRACTORS) || DISTRACTORS < 0) throw new Error('EVAL_DISTRACTORS must be a whole number');
  const sets = loadSets(process.env['EVAL_SETS']);
  log(`sets: ${sets.map((s) => s.name).join(', ')}; modes: ${MODES.map((m) => m.name).join(', ')}; baseline: ${BASELINE} (k1 1.2, b 0.75)`);
  const reports: SetReport[] = [];
  for (const set of sets) {
    const report = await evaluate(set);
    reports.push(report);
    log(`\n${table(report)}`);
  }
  if (JSON_OUTPUT) process.stdout.write(`${JSON.stringify({ sets: reports }, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
