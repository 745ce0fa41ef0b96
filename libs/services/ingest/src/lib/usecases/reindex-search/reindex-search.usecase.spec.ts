import { errorSignatures, lexicalPostings, TOKENIZER_VERSION } from '@commontrace/domain-search';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../../ingest.module';
import { insertTrace } from '../spec-fixtures';
import { ReindexSearchUseCase } from './reindex-search.usecase';

describe('ReindexSearchUseCase', () => {
  let h: UseCaseHarness;
  let reindex: ReindexSearchUseCase;
  let owner: string;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    reindex = h.get(ReindexSearchUseCase);
    owner = await h.account();
  });
  afterAll(() => h.close());

  const statistics = async () => ({
    totals: await h.query(`SELECT documents::int AS documents, total_length FROM lexical_totals`),
    df: await h.query(`SELECT term, df FROM lexical_terms WHERE df > 0 ORDER BY term`),
    recount: await h.query(`SELECT term, count(*)::int AS df FROM lexical_postings GROUP BY term ORDER BY term`),
  });

  it('indexes the traces that have no postings or postings of another tokenizer version, once', async () => {
    const ids = [await insertTrace(h, owner), await insertTrace(h, owner), await insertTrace(h, owner)];
    await h.query(`UPDATE traces SET context_text = 'connect ECONNREFUSED 127.0.0.1:5432' WHERE id = $1`, [ids[0]]);
    expect(await reindex.execute()).toEqual({ tokenizer_version: TOKENIZER_VERSION, reindexed: 3 });
    const expected = lexicalPostings({ title: 'Original title', tags: [], context_text: 'connect ECONNREFUSED 127.0.0.1:5432', solution_text: 'Original solution' });
    const postings = await h.query<{ term: string }>(`SELECT term FROM lexical_postings WHERE trace_id = $1 ORDER BY term`, [ids[0]]);
    expect(postings.map((p) => p.term)).toEqual([...expected.terms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Its error signatures too, as ingest would have written them.
    const signatures = await h.query<{ signature: string }>(`SELECT signature FROM error_signatures WHERE trace_id = $1 ORDER BY signature`, [ids[0]]);
    const wanted = errorSignatures('Original title\nconnect ECONNREFUSED 127.0.0.1:5432').map((x) => x.signature);
    expect(wanted.length).toBeGreaterThan(0);
    expect(signatures.map((x) => x.signature)).toEqual([...wanted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    // Nothing left to do; a trace indexed by another version is done again, and the statistics stay exact.
    expect(await reindex.execute()).toEqual({ tokenizer_version: TOKENIZER_VERSION, reindexed: 0 });
    await h.query(`UPDATE lexical_documents SET tokenizer_version = $2 WHERE trace_id = $1`, [ids[1], TOKENIZER_VERSION - 1]);
    expect(await reindex.execute()).toEqual({ tokenizer_version: TOKENIZER_VERSION, reindexed: 1 });
    const s = await statistics();
    expect(s.totals).toEqual([{ documents: 3, total_length: expect.any(Number) }]);
    expect(s.df).toEqual(s.recount);
  });

  it('rewrites every trace with all, leaving the statistics as they were', async () => {
    const before = await statistics();
    expect(await reindex.execute({ all: true })).toEqual({ tokenizer_version: TOKENIZER_VERSION, reindexed: 3 });
    expect(await statistics()).toEqual(before);
  });
});
