import { errorSignatures, traceSignatureText } from '@commontrace/domain-search';
import { contentHash } from '@commontrace/domain-traces';
import { UseCaseHarness } from '@commontrace/testing';
import { SearchModule } from '../../search.module';
import { CandidateFilter, DEFAULT_STATUSES } from './candidate-filter';
import { signatureCandidates } from './signature-candidates';

interface Fixture {
  title: string;
  context_text: string;
  tags?: string[];
  language?: string;
  status?: string;
}

/** Traces whose errors agents paste into searches, and hard near misses of each other. */
const TRACES = {
  pythonVenv: {
    title: 'Import fails inside the virtualenv',
    context_text:
      'Traceback (most recent call last):\n  File "/home/dev/service/app/main.py", line 3, in <module>\n    import requests\nModuleNotFoundError: No module named \'requests\'',
    tags: ['python'],
    language: 'python',
  },
  pythonPackage: {
    title: 'A local folder shadows the installed package',
    context_text: "ModuleNotFoundError: No module named 'requests.adapters'; 'requests' is not a package",
    tags: ['python'],
    language: 'python',
  },
  pythonImportError: {
    title: 'Circular import between two modules',
    context_text: "ImportError: cannot import name 'db' from partially initialized module 'app' (most likely due to a circular import)",
    tags: ['python'],
    language: 'python',
  },
  reactUndefined: {
    title: 'List renders before the fetch resolves',
    context_text: "TypeError: Cannot read properties of undefined (reading 'map')\n    at TodoList (webpack-internal:///./src/TodoList.jsx:12:20)",
    tags: ['react'],
    language: 'javascript',
  },
  reactNull: {
    title: 'Ref is read before mount',
    context_text: "TypeError: Cannot read properties of null (reading 'focus')\n    at Form (/src/Form.tsx:40:11)",
    tags: ['react'],
    language: 'typescript',
  },
  pgRefused: {
    title: 'App container cannot reach Postgres',
    context_text: 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
    tags: ['docker', 'postgresql'],
    language: 'javascript',
  },
  redisRefused: {
    title: 'Worker starts before Redis is up',
    context_text: 'The worker logs ECONNREFUSED on start and retries forever.',
    tags: ['docker', 'redis'],
  },
  tsAlias: {
    title: 'Path alias missing in the package tsconfig',
    context_text: "src/main.ts(3,21): error TS2307: Cannot find module '@app/util' or its corresponding type declarations.",
    tags: ['typescript'],
    language: 'typescript',
  },
  hiddenCopy: {
    title: 'Hidden copy of the virtualenv trace',
    context_text: "ModuleNotFoundError: No module named 'requests'",
    tags: ['python'],
    status: 'hidden',
  },
} satisfies Record<string, Fixture>;

type Name = keyof typeof TRACES;

describe('signatureCandidates', () => {
  let h: UseCaseHarness;
  const ids = {} as Record<Name, string>;
  const nameOf = (id: string) => (Object.keys(ids) as Name[]).find((n) => ids[n] === id);
  const filter = (over: Partial<CandidateFilter> = {}): CandidateFilter => ({
    tags: null,
    language: null,
    framework: null,
    statuses: DEFAULT_STATUSES,
    limit: 50,
    ...over,
  });
  const find = async (q: string, over: Partial<CandidateFilter> = {}) =>
    (await signatureCandidates(h.dataSource.manager, q, filter(over))).map(nameOf);

  /** Ingest writes a trace and its signatures; here both are stored directly, with the same extraction. */
  async function store(contributor: string, key: string, t: Fixture): Promise<string> {
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, language, status, contributor_id, content_hash)
       VALUES ($1, $2, 'See the fix.', $3, $4, $5, $6, $7) RETURNING id`,
      [t.title, t.context_text, t.tags ?? [], t.language ?? null, t.status ?? 'pending', contributor, contentHash({ ...t, solution_text: key })],
    );
    const found = errorSignatures(traceSignatureText(t));
    await h.query(`INSERT INTO error_signatures (trace_id, signature, kind) SELECT $1, * FROM unnest($2::text[], $3::text[])`, [
      row.id,
      found.map((s) => s.signature),
      found.map((s) => s.kind),
    ]);
    return row.id;
  }
  let contributor: string;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    contributor = await h.account();
    for (const name of Object.keys(TRACES) as Name[]) ids[name] = await store(contributor, name, TRACES[name]);
  });

  afterAll(() => h.close());

  it('finds the trace with the same error first for a pasted Python traceback with other paths, lines and module', async () => {
    const q =
      'Traceback (most recent call last):\n  File "C:\\Users\\sam\\proj\\run.py", line 118, in main\n    import numpy\nModuleNotFoundError: No module named \'numpy\'';
    expect(await find(q)).toEqual(['pythonVenv']);
  });

  it('does not match a hard near miss: the same exception type with another message', async () => {
    expect(await find("TypeError: Cannot read properties of undefined (reading 'length')")).toEqual(['reactUndefined']);
    expect(await find("TypeError: Cannot read properties of null (reading 'value')")).toEqual(['reactNull']);
    expect(await find("ImportError: cannot import name 'x' from 'y' (unknown location)")).toEqual([]);
  });

  it('still finds the error when the query goes on with its own words, after a trace with the whole error', async () => {
    expect(await find("ModuleNotFoundError: No module named 'requests' after pip install in the venv")).toEqual(['pythonVenv']);
    // The query's whole error is stored by pythonPackage; pythonVenv holds only its beginning.
    expect(await find("ModuleNotFoundError: No module named 'lib.sub'; 'lib' is not a package")).toEqual(['pythonPackage', 'pythonVenv']);
  });

  it('puts message matches before code-only matches', async () => {
    expect(await find('Error: connect ECONNREFUSED 10.0.0.7:6379')).toEqual(['pgRefused', 'redisRefused']);
    expect(await find('why do I get ECONNREFUSED from docker compose')).toEqual(['redisRefused', 'pgRefused']);
  });

  it('puts traces matching more signatures first, then the most specific message', async () => {
    const q = "error TS2307: Cannot find module 'x' or its corresponding type declarations.\nError: connect ECONNREFUSED 127.0.0.1:5432";
    // Each matches one message and one code; the longer template is the more specific match.
    expect(await find(q)).toEqual(['tsAlias', 'pgRefused', 'redisRefused']);
    const both = await store(contributor, 'both', {
      title: 'Monorepo build and database both fail in CI',
      context_text: "error TS2307: Cannot find module '@lib/db' or its corresponding type declarations.\nError: connect ECONNREFUSED 172.17.0.2:5432",
    });
    try {
      const found = await signatureCandidates(h.dataSource.manager, q, filter());
      expect(found[0]).toBe(both);
      expect(found.slice(1).map(nameOf)).toEqual(['tsAlias', 'pgRefused', 'redisRefused']);
    } finally {
      await h.query(`DELETE FROM traces WHERE id = $1`, [both]);
    }
  });

  it('applies the candidate filter and its limit, and never returns a hidden trace', async () => {
    expect(await find('ECONNREFUSED', { tags: ['redis'] })).toEqual(['redisRefused']);
    expect(await find('ECONNREFUSED', { language: 'javascript' })).toEqual(['pgRefused']);
    expect(await find("ModuleNotFoundError: No module named 'requests'", { statuses: ['pending', 'hidden'] })).toEqual(['pythonVenv']);
    expect(await find('ECONNREFUSED', { limit: 1 })).toHaveLength(1);
    expect(await find('ECONNREFUSED', { statuses: ['validated'] })).toEqual([]);
  });

  it('returns nothing, without a query, for text that names no error', async () => {
    expect(await find('how do I structure a monorepo')).toEqual([]);
    expect(await find('')).toEqual([]);
  });
});
