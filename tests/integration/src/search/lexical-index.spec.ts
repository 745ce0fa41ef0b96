import { lexicalPostings } from '@commontrace/domain-search';
import { Database, foldAllLexicalStatistics, foldLexicalStatistics, lexicalStatistics, MIGRATIONS, runMigrations } from '@commontrace/persistence';
import { indexTracesLexically } from '@commontrace/service-ingest';
import { createTestDatabase } from '@commontrace/util-testing';
import { DataSource } from 'typeorm';

/** A small shared vocabulary, so that concurrent writers keep meeting on the same terms. */
const WORDS = ['cannot', 'find', 'module', 'TS2307', 'ECONNREFUSED', 'app.state.http_client', 'useMemo', '--force', 'timeout', 'redis', 'is', 'not', 'the', 'ORA-00942', 'path/to/main.py'];

/** A deterministic text of `n` words from the vocabulary. */
function text(seed: number, n: number): string {
  let x = seed * 2654435761;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(WORDS[x % WORDS.length]);
  }
  return out.join(' ');
}

const fields = (seed: number) => ({
  title: text(seed, 4),
  tags: [WORDS[seed % WORDS.length].toLowerCase()],
  context_text: text(seed + 1, 12),
  solution_text: text(seed + 2, 8),
});

/** The index as it would be if counted again from the traces' current texts. */
async function recount(ds: DataSource) {
  const traces: { id: string; title: string; tags: string[]; context_text: string; solution_text: string }[] = await ds.query(
    `SELECT id, title, tags, context_text, solution_text FROM traces ORDER BY id`,
  );
  const df = new Map<string, number>();
  const postings: string[] = [];
  let length = 0;
  for (const t of traces) {
    const p = lexicalPostings(t);
    length += p.length;
    p.terms.forEach((term, i) => {
      df.set(term, (df.get(term) ?? 0) + 1);
      postings.push(`${t.id} ${term} ${p.tfs[i]}`);
    });
  }
  return { documents: traces.length, length, df: [...df].sort(([a], [b]) => (a < b ? -1 : 1)), postings: postings.sort() };
}

async function stored(ds: DataSource) {
  const [totals] = await ds.query(`SELECT documents::int AS documents, total_length::float8 AS length FROM lexical_totals`);
  const df: { term: string; df: number }[] = await ds.query(`SELECT term, df FROM lexical_terms WHERE df > 0`);
  const postings: { line: string }[] = await ds.query(`SELECT trace_id || ' ' || term || ' ' || tf AS line FROM lexical_postings`);
  const [docs] = await ds.query(`SELECT count(*)::int AS n FROM lexical_documents`);
  return {
    documents: totals.documents,
    indexed: docs.n,
    length: totals.length,
    df: df.map((r) => [r.term, r.df] as [string, number]).sort(([a], [b]) => (a < b ? -1 : 1)),
    postings: postings.map((r) => r.line).sort(),
  };
}

async function expectExact(ds: DataSource) {
  const want = await recount(ds);
  // As a reader sees them whatever has been folded: the statistics plus the documents not yet counted.
  const seen = await lexicalStatistics(ds, want.df.map(([term]) => term));
  expect(seen.documents).toBe(want.documents);
  expect(seen.totalLength).toBeCloseTo(want.length, 3);
  expect([...seen.df].sort(([a], [b]) => (a < b ? -1 : 1))).toEqual(want.df);
  // Once everything is folded, the tables hold exactly that.
  await foldAllLexicalStatistics(ds);
  const got = await stored(ds);
  expect(got.indexed).toBe(want.documents);
  expect(got.documents).toBe(want.documents);
  expect(got.length).toBeCloseTo(want.length, 3);
  expect(got.df).toEqual(want.df);
  expect(got.postings).toEqual(want.postings);
}

/** Two folds in a loop, in small batches, as two ingest processes would run them, until `stop`. */
function foldersRunning(ds: DataSource): { stop(): Promise<number> } {
  let stopped = false;
  const folder = async () => {
    let folded = 0;
    while (!stopped) {
      folded += await foldLexicalStatistics(ds, 3);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return folded;
  };
  const running = [folder(), folder()];
  return {
    stop: async () => {
      stopped = true;
      return (await Promise.all(running)).reduce((a, b) => a + b, 0);
    },
  };
}

describe('lexical index (postings, document frequencies, totals)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  let ds: DataSource;
  let account: string;

  beforeAll(async () => {
    db = await createTestDatabase('lexical-index');
    database = await Database.open({ kind: 'postgres', url: db.url, poolSize: 6 });
    ds = database.dataSource;
    await runMigrations(ds, { lock: false });
    [{ id: account }] = await ds.query(`INSERT INTO accounts DEFAULT VALUES RETURNING id`);
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it('stays equal to a recount after four concurrent writers of overlapping texts, folded meanwhile', async () => {
    const folders = foldersRunning(ds);
    const writer = async (w: number) => {
      for (let i = 0; i < 15; i++) {
        const seed = w * 100 + i;
        await ds.transaction(async (m) => {
          const f = fields(seed);
          const [row] = await m.query(
            `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash) VALUES ($1, $2, $3, $4, $5, md5($6) || md5($6)) RETURNING id`,
            [f.title, f.context_text, f.solution_text, f.tags, account, String(seed)],
          );
          await indexTracesLexically(m, [{ id: row.id, ...f }]);
        });
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    expect(await folders.stop()).toBeGreaterThan(0);
    await expectExact(ds);
  });

  it('stays equal to a recount after concurrent amendments replace texts, folded meanwhile', async () => {
    // Some documents counted, some not, when the amendments begin.
    await foldLexicalStatistics(ds, 20);
    const folders = foldersRunning(ds);
    const ids: string[] = (await ds.query(`SELECT id FROM traces ORDER BY id`)).map((r: { id: string }) => r.id);
    const amender = async (w: number) => {
      for (let i = w; i < ids.length; i += 4) {
        await ds.transaction(async (m) => {
          // As the amendment path does: the trace row locked, its text changed, its index replaced.
          const [trace] = await m.query(`SELECT id, title, tags FROM traces WHERE id = $1 FOR UPDATE`, [ids[i]]);
          const f = { ...fields(1000 + i), title: trace.title, tags: trace.tags };
          await m.query(`UPDATE traces SET context_text = $2, solution_text = $3 WHERE id = $1`, [ids[i], f.context_text, f.solution_text]);
          await indexTracesLexically(m, [{ id: ids[i], ...f }]);
        });
      }
    };
    await Promise.all([0, 1, 2, 3].map(amender));
    await folders.stop();
    await expectExact(ds);
    // Reindexing what is current changes nothing.
    await ds.transaction(async (m) => {
      const traces = await m.query(`SELECT id, title, tags, context_text, solution_text FROM traces`);
      await indexTracesLexically(m, traces);
    });
    await expectExact(ds);
  });

  it('is built for existing traces by its migrations', async () => {
    const names = ['LexicalIndex1764921600000', 'LexicalDocumentsWrittenXid1765785600000', 'LexicalStatisticsFolded1765872000000'];
    const chain = names.map((name) => {
      const Migration = MIGRATIONS.find((m) => m.name === name);
      if (!Migration) throw new Error(`migration ${name} not registered`);
      return new Migration();
    });
    const runner = ds.createQueryRunner();
    try {
      for (const migration of [...chain].reverse()) await migration.down(runner);
      for (const migration of chain) await migration.up(runner);
    } finally {
      await runner.release();
    }
    await expectExact(ds);
  });
});
