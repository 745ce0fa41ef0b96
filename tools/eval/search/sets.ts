/**
 * Labelled sets (format: ../shared/eval/README.md): the project's own, over the seed corpus
 * (tools/seed/corpus/*.jsonl with tools/eval/search/seed/queries.jsonl), and every folder
 * `<name>/` with a corpus.jsonl and a queries.jsonl under ../shared/eval/ beside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizeTags } from '@commontrace/contracts';
import { Grades } from './metrics';

/** A corpus line: the fields of POST /api/v1/traces plus a local id. */
export interface CorpusTrace {
  id: string;
  title: string;
  context_text: string;
  solution_text: string;
  tags?: string[];
  metadata_json?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface LabelledQuery {
  id: string;
  q: string;
  tags?: string[];
  context?: Record<string, unknown>;
  relevant: string[];
  graded?: Record<string, number>;
  /** What kind of query it is (the seed set has kinds; other sets may not). */
  kind?: string;
}

export interface EvalSet {
  name: string;
  /** Where it was read from, for the report. */
  source: string;
  corpus: CorpusTrace[];
  queries: LabelledQuery[];
}

const REPO = resolve(__dirname, '../../..');
export const SEED_SET = 'search-seed';
export const SHARED_EVAL_DIR = resolve(REPO, '../shared/eval');

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line)
    .map(({ line, n }) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${file}:${n}: not valid JSON`);
      }
    });
}

/** The grade of every judged id: from `graded` when given, else 1 for each id in `relevant`. */
export function gradesOf(query: LabelledQuery): Grades {
  const grades = new Map<string, number>();
  for (const id of query.relevant ?? []) grades.set(id, 1);
  for (const [id, grade] of Object.entries(query.graded ?? {})) grades.set(id, grade);
  return grades;
}

function check(set: EvalSet): EvalSet {
  const ids = new Set<string>();
  for (const t of set.corpus) {
    if (typeof t.id !== 'string' || !t.id) throw new Error(`${set.name}: a corpus line has no string id`);
    if (ids.has(t.id)) throw new Error(`${set.name}: corpus id ${t.id} appears twice`);
    ids.add(t.id);
  }
  for (const q of set.queries) {
    if (typeof q.q !== 'string' || !Array.isArray(q.relevant)) throw new Error(`${set.name}: query ${q.id} needs q and relevant`);
    const unknown = [...gradesOf(q).keys()].filter((id) => !ids.has(id));
    if (unknown.length) throw new Error(`${set.name}: query ${q.id} judges ids not in the corpus: ${unknown.join(', ')}`);
    if (q.tags) q.tags = normalizeTags(q.tags) as string[];
  }
  for (const t of set.corpus) if (t.tags) t.tags = normalizeTags(t.tags) as string[];
  return set;
}

/** The seed corpus (tools/seed/corpus/*.jsonl), its files in name order, its lines as written: distinct traces. */
export function seedCorpus(): CorpusTrace[] {
  const dir = join(REPO, 'tools/seed/corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readJsonl<CorpusTrace>(join(dir, f)));
}

export function seedSet(): EvalSet {
  const corpus = seedCorpus();
  const queries = join(__dirname, 'seed/queries.jsonl');
  return check({ name: SEED_SET, source: 'tools/seed/corpus/*.jsonl + tools/eval/search/seed/queries.jsonl', corpus, queries: readJsonl(queries) });
}

/** Every set under ../shared/eval/ (none when the folder is missing or holds only its README). */
export function sharedSets(dir = SHARED_EVAL_DIR): EvalSet[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'corpus.jsonl')) && existsSync(join(dir, e.name, 'queries.jsonl')))
    .map((e) => e.name)
    .sort()
    .map((name) =>
      check({
        name,
        source: join(dir, name),
        corpus: readJsonl(join(dir, name, 'corpus.jsonl')),
        queries: readJsonl(join(dir, name, 'queries.jsonl')),
      }),
    );
}

/** The sets to run: all of them, or those named in `filter` (comma-separated, as EVAL_SETS). */
export function loadSets(filter?: string): EvalSet[] {
  const wanted = filter?.split(',').map((s) => s.trim()).filter(Boolean);
  const all = [seedSet(), ...sharedSets()];
  if (!wanted?.length) return all;
  const missing = wanted.filter((w) => !all.some((s) => s.name === w));
  if (missing.length) throw new Error(`EVAL_SETS: no set named ${missing.join(', ')} (found: ${all.map((s) => s.name).join(', ')})`);
  return all.filter((s) => wanted.includes(s.name));
}
