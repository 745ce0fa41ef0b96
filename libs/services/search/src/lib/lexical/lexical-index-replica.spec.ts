import { InvertedIndex, lexicalPostings } from '@commontrace/domain-search';
import { Queryable, writeLexicalIndex } from '@commontrace/persistence';
import { UseCaseHarness } from '@commontrace/testing';
import { AppEnv } from '@commontrace/util-config';
import { SearchModule } from '../search.module';
import { CandidateFilter, DEFAULT_STATUSES } from '../usecases/query-traces/candidate-filter';
import { lexicalCandidates } from '../usecases/query-traces/lexical-candidates';
import { LexicalIndexReplica } from './lexical-index-replica';

const filter: CandidateFilter = { tags: null, language: null, framework: null, statuses: DEFAULT_STATUSES, limit: 50 };

describe('LexicalIndexReplica', () => {
  let h: UseCaseHarness;
  let replica: LexicalIndexReplica;
  let owner: string;
  const texts: Record<string, { title: string; context_text: string; solution_text: string; tags: string[] }> = {
    redis: { title: 'Redis timeout under load', context_text: 'ioredis: Command timed out after 5000 ms', solution_text: 'Raise commandTimeout', tags: ['redis'] },
    pg: { title: 'ECONNREFUSED 127.0.0.1:5432', context_text: 'connect ECONNREFUSED from the app container', solution_text: 'Use the service name', tags: ['docker'] },
  };

  /** Stores a trace and its postings in one transaction (as ingest does); `m` may be a transaction left open. */
  async function store(text: (typeof texts)[string], m: Queryable = h.dataSource) {
    const [row] = await m.query(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash)
       VALUES ($1, $2, $3, $4, $5, md5(random()::text) || md5(random()::text)) RETURNING id`,
      [text.title, text.context_text, text.solution_text, text.tags, owner],
    );
    await writeLexicalIndex(m, [{ trace_id: row.id, ...lexicalPostings(text) }], { fresh: true });
    return row.id as string;
  }

  const ids = async (q: string) => (await lexicalCandidates(h.dataSource.manager, q, filter, await replica.current())).map((c) => c.id);

  it('loads at start, scores as the SQL path does, and sees a trace committed before the query', async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    owner = await h.account('replica');
    const redis = await store(texts.redis);
    replica = h.get(LexicalIndexReplica);
    expect(await ids('redis command timed out')).toEqual([redis]);
    const pg = await store(texts.pg);
    // No wait, no event: the query itself brings the copy up to date.
    expect(await ids('ECONNREFUSED 5432')).toEqual([pg]);
    const memory = await lexicalCandidates(h.dataSource.manager, 'connect timed out', filter, await replica.current());
    const sql = await lexicalCandidates(h.dataSource.manager, 'connect timed out', filter, null);
    expect(memory.map((c) => c.id)).toEqual(sql.map((c) => c.id));
    memory.forEach((c, i) => expect(c.score).toBeCloseTo(sql[i].score, 4));

    // Another process starting now loads both traces before it serves.
    const started = new LexicalIndexReplica(h.dataSource, h.get(AppEnv));
    await started.onApplicationBootstrap();
    const loaded = await started.current();
    expect(loaded?.size).toBe(2);
    expect(loaded?.search(['econnrefus'], 5).map((r) => r.id)).toEqual([pg]);
    await h.close();
  }, 60_000);

  it('scores while it catches up, and scores again only when the catch-up brought a trace in', async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    owner = await h.account('replica');
    await store(texts.redis);
    replica = h.get(LexicalIndexReplica);
    await replica.current();
    const pg = await store(texts.pg);
    // The catch-up's read waits on this lock until the first score lets it go, so that score runs on the copy without the new trace.
    const blocker = h.dataSource.createQueryRunner();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE lexical_documents IN ACCESS EXCLUSIVE MODE`);
    const seen: boolean[] = [];
    const score = async (index: InvertedIndex) => {
      seen.push(index.has(pg));
      if (blocker.isTransactionActive) await blocker.commitTransaction();
      return lexicalCandidates(h.dataSource.manager, 'ECONNREFUSED 5432', filter, index);
    };
    // The first score ran before the catch-up applied the new trace; the answer is the second's.
    expect((await replica.scoreCurrent(score))?.map((c) => c.id)).toEqual([pg]);
    expect(seen).toEqual([false, true]);
    await blocker.release();
    seen.length = 0;
    expect((await replica.scoreCurrent(score))?.map((c) => c.id)).toEqual([pg]);
    expect(seen).toEqual([true]);
    await h.close();
  }, 60_000);

  it('misses no commit when writers commit out of order, and follows amended postings', async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    owner = await h.account('replica');
    replica = h.get(LexicalIndexReplica);
    expect(await ids('redis')).toEqual([]);
    // A transaction that began earlier (its id is the lower) commits later than one that began after it.
    const early = h.dataSource.createQueryRunner();
    await early.startTransaction();
    await early.query(`SELECT pg_current_xact_id()`);
    const fast = await store(texts.pg);
    expect(await ids('ECONNREFUSED')).toEqual([fast]);
    const slow = await store(texts.redis, early);
    expect(await ids('ioredis')).toEqual([]);
    await early.commitTransaction();
    await early.release();
    expect(await ids('ioredis')).toEqual([slow]);

    // Postings rewritten (an amendment): the old terms no longer find it, the new ones do.
    await h.dataSource.transaction((m) =>
      writeLexicalIndex(m, [{ trace_id: slow, ...lexicalPostings({ ...texts.redis, context_text: 'memcached eviction storm', title: 'Cache eviction' }) }]),
    );
    expect(await ids('ioredis')).toEqual([]);
    expect(await ids('memcached eviction')).toEqual([slow]);
    await h.close();
  }, 60_000);

  it('filters by tags, language and framework in memory as the SQL path does, and follows an amendment that changes them', async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    owner = await h.account('replica');
    replica = h.get(LexicalIndexReplica);
    const redis = await store(texts.redis);
    const pg = await store(texts.pg);
    await h.query(`UPDATE traces SET language = 'TypeScript' WHERE id = $1`, [pg]);
    // The language goes with the postings (ingest writes both in one transaction).
    await h.dataSource.transaction((m) => writeLexicalIndex(m, [{ trace_id: pg, ...lexicalPostings(texts.pg) }]));
    const both = 'timed out connect ECONNREFUSED';
    const filtered = async (f: Partial<CandidateFilter>) => {
      const memory = await lexicalCandidates(h.dataSource.manager, both, { ...filter, ...f }, await replica.current());
      const sql = await lexicalCandidates(h.dataSource.manager, both, { ...filter, ...f }, null);
      expect(memory.map((c) => c.id)).toEqual(sql.map((c) => c.id));
      return memory.map((c) => c.id);
    };
    expect(await filtered({ tags: ['redis'] })).toEqual([redis]);
    expect(await filtered({ tags: ['docker'], language: 'typescript' })).toEqual([pg]);
    expect(await filtered({ tags: ['docker'], language: 'python' })).toEqual([]);
    expect(await filtered({ tags: ['redis', 'docker'] })).toEqual([]);

    // Amended: new tags, written with the postings again.
    await h.dataSource.transaction(async (m) => {
      await m.query(`UPDATE traces SET tags = '{redis,cache}' WHERE id = $1`, [pg]);
      await writeLexicalIndex(m, [{ trace_id: pg, ...lexicalPostings({ ...texts.pg, tags: ['redis', 'cache'] }) }]);
    });
    expect(await filtered({ tags: ['cache'] })).toEqual([pg]);
    expect(await filtered({ tags: ['docker'] })).toEqual([]);
    // The copy itself answered (it holds the facets), not the SQL path behind it.
    const copy = await replica.current();
    expect(copy?.searchWithin(['econnrefus'], 5, ['tag:cache', 'language:typescript'])).toEqual({ hits: [{ id: pg, score: expect.any(Number) }], exhaustive: true });
    expect(copy?.searchWithin(['econnrefus'], 5, ['tag:docker']).hits).toEqual([]);
    await h.close();
  }, 60_000);

  it('holds nothing with SEARCH_LEXICAL_INDEX=sql', async () => {
    h = await UseCaseHarness.start({ module: SearchModule, env: { SEARCH_LEXICAL_INDEX: 'sql' } });
    expect(await h.get(LexicalIndexReplica).current()).toBeNull();
    expect(await h.get(LexicalIndexReplica).scoreCurrent(async () => 'scored')).toBeNull();
    await h.close();
  }, 60_000);
});
