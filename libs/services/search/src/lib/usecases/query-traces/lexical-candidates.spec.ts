import { BM25, idf, lexicalDocument, queryTerms } from '@commontrace/domain-search';
import { UseCaseHarness } from '@commontrace/testing';
import { DataSource } from 'typeorm';
import { SearchModule } from '../../search.module';
import { CandidateFilter, DEFAULT_STATUSES } from './candidate-filter';
import { lexicalCandidates } from './lexical-candidates';

interface Fixture {
  title: string;
  context_text: string;
  solution_text: string;
  tags: string[];
  language?: string;
}

/** Traces that share the words of an error message but not its code. */
const TRACES: Record<string, Fixture> = {
  ts2307: {
    title: 'Path alias not resolved by tsc',
    context_text: "error TS2307: Cannot find module '@app/util' or its corresponding type declarations.",
    solution_text: 'The package tsconfig overrides paths; extend the base config.',
    tags: ['typescript'],
    language: 'typescript',
  },
  jestModule: {
    title: 'Cannot find module in jest: cannot find module, module not found',
    context_text: "Cannot find module '../util' from 'src/app.spec.ts'. Cannot find module.",
    solution_text: 'Map the module paths in moduleNameMapper.',
    tags: ['jest'],
    language: 'typescript',
  },
  nodeModule: {
    title: 'Node: Error: Cannot find module after install',
    context_text: "Error: Cannot find module 'express'\nRequire stack: app.js",
    solution_text: 'Install the module in the project, not globally.',
    tags: ['node'],
    language: 'javascript',
  },
  grepFlag: {
    title: "grep: invalid option -- 'P' on macOS",
    context_text: "grep: invalid option -- 'P' in the pre-commit hook (BSD grep).",
    solution_text: 'Use grep -E, or ggrep from GNU grep.',
    tags: ['git', 'macos'],
    language: 'shell',
  },
  pgRefused: {
    title: 'ECONNREFUSED 127.0.0.1:5432 from the app container',
    context_text: 'Error: connect ECONNREFUSED 127.0.0.1:5432 when the app starts next to the db service.',
    solution_text: 'Use the compose service name db as the host.',
    tags: ['docker', 'postgresql'],
    language: 'javascript',
  },
};

const filter = (over: Partial<CandidateFilter> = {}): CandidateFilter => ({
  tags: null,
  language: null,
  framework: null,
  statuses: DEFAULT_STATUSES,
  limit: 50,
  ...over,
});

describe('lexicalCandidates', () => {
  let h: UseCaseHarness;
  let m: DataSource['manager'];
  const ids: Record<string, string> = {};
  const nameOf = (id: string) => Object.keys(ids).find((n) => ids[n] === id);
  const names = async (q: string, f = filter(), limits?: { perTerm: number; budget: number }) =>
    (await lexicalCandidates(m, q, f, null, limits)).map((c) => nameOf(c.id));

  async function store(name: string, t: Fixture): Promise<void> {
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, language, contributor_id, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, md5(random()::text) || md5(random()::text)) RETURNING id`,
      [t.title, t.context_text, t.solution_text, t.tags, t.language ?? null, await h.account(`a-${name}`)],
    );
    ids[name] = row.id;
  }

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    m = h.dataSource.manager;
    for (const [name, t] of Object.entries(TRACES)) await store(name, t);
    await h.indexLexically();
  }, 60_000);
  afterAll(() => h.close());

  it('finds the trace that carries the error code first, above traces that repeat its words', async () => {
    expect((await names("error TS2307: Cannot find module '@app/util'"))[0]).toBe('ts2307');
    expect((await names('TS2307'))).toEqual(['ts2307']);
    expect((await names('ts2307 cannot find module'))[0]).toBe('ts2307');
    expect((await names('connect ECONNREFUSED'))[0]).toBe('pgRefused');
  });

  it('reads a query full of operators and punctuation as its words', async () => {
    const noisy = await names(`!(TS2307 | "Cannot") & find <-> module:* '@app/util' ; -- \\ ) (`);
    expect(noisy).toEqual(await names('TS2307 Cannot find module @app/util'));
    expect(noisy[0]).toBe('ts2307');
    expect((await names("grep: invalid option -- 'P' !!! |||"))[0]).toBe('grepFlag');
    expect(await names(`! | & <-> :* ( ) ' " - -- \\`)).toEqual([]);
    expect(await names('')).toEqual([]);
    expect(await names('wordthatnotraceholds')).toEqual([]);
  });

  it('scores exactly by BM25 over the field-weighted terms, best first', async () => {
    const q = 'cannot find module express';
    const found = await lexicalCandidates(m, q, filter());
    const docs = Object.fromEntries(Object.entries(TRACES).map(([n, t]) => [n, lexicalDocument(t)]));
    const all = Object.values(docs);
    const avg = all.reduce((s, d) => s + d.length, 0) / all.length;
    const { k1, b } = BM25;
    const expected = Object.entries(docs)
      .map(([n, d]) => {
        let score = 0;
        for (const term of queryTerms(q)) {
          const tf = d.terms.get(term) ?? 0;
          if (!tf) continue;
          const df = all.filter((x) => x.terms.has(term)).length;
          score += (idf(df, all.length) * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * d.length) / avg));
        }
        return { name: n, score };
      })
      .filter((e) => e.score > 0)
      .sort((x, y) => y.score - x.score);
    expect(found.map((c) => nameOf(c.id))).toEqual(expected.map((e) => e.name));
    found.forEach((c, i) => expect(c.score).toBeCloseTo(expected[i].score, 4));
  });

  it('applies the filter while choosing candidates, so a filtered query fills its page', async () => {
    expect(await names('cannot find module', filter({ language: 'javascript' }))).toEqual(['nodeModule']);
    expect(await names('cannot find module error', filter({ tags: ['docker'] }))).toEqual(['pgRefused']);
    // The rarest term (ts2307) alone fills the tiny budget, but its trace is filtered out: the
    // candidates are taken again from every term, and the javascript trace is found.
    expect(await names('ts2307 cannot find module', filter({ language: 'javascript', limit: 1 }), { perTerm: 1, budget: 1 })).toEqual(['nodeModule']);
  });

  it('bounds the candidates by the selective terms', async () => {
    // With one posting per term and room for one term, only the best posting of the rarest term is a
    // candidate; it fills a page of one, so no other term is read.
    const found = await lexicalCandidates(m, 'ts2307 cannot find module', filter({ limit: 1 }), null, { perTerm: 1, budget: 1 });
    expect(found.map((c) => nameOf(c.id))).toEqual(['ts2307']);
    // Its score is still the full BM25 over every query term (above what ts2307 alone gives).
    const [alone] = await lexicalCandidates(m, 'ts2307', filter({ limit: 1 }));
    expect(found[0].score).toBeGreaterThan(alone.score);
  });

  it('leaves hidden traces out', async () => {
    await h.query(`UPDATE traces SET status = 'hidden' WHERE id = $1`, [ids['ts2307']]);
    try {
      expect(await names('TS2307')).toEqual([]);
    } finally {
      await h.query(`UPDATE traces SET status = 'pending' WHERE id = $1`, [ids['ts2307']]);
    }
  });
});
