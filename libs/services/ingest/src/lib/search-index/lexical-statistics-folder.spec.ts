import { lexicalPostings } from '@commontrace/domain-search';
import { UseCaseHarness } from '@commontrace/testing';
import { waitFor } from '@commontrace/util-testing';
import { IngestModule } from '../ingest.module';
import { SubmitTraceUseCase } from '../usecases/submit-trace/submit-trace.usecase';

const traces = [
  { title: 'Vite dev server returns 404 for deep links', context_text: 'Refreshing /settings/profile gives 404 from the dev server.', solution_text: 'Set appType: "spa" so that unknown paths fall back to index.html.', tags: ['vite'] },
  { title: 'Cargo cannot borrow as mutable more than once', context_text: 'error[E0499]: cannot borrow `v` as mutable more than once at a time', solution_text: 'Split the borrow: take the two elements with split_at_mut.', tags: ['rust'] },
];

describe('LexicalStatisticsFolder', () => {
  let h: UseCaseHarness;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule, consumers: true });
  });
  afterAll(() => h.close());

  it('folds what contributions wrote uncounted into the statistics, soon after the commit', async () => {
    const submit = h.get(SubmitTraceUseCase);
    const account = await h.account();
    for (const trace of traces) await submit.execute({ contributor_id: account, trace });
    await waitFor(async () => (await h.query(`SELECT 1 FROM lexical_documents WHERE NOT counted`)).length === 0, { timeoutMs: 10_000, what: 'the fold' });
    const expected = new Map<string, number>();
    for (const trace of traces) for (const term of lexicalPostings(trace).terms) expected.set(term, (expected.get(term) ?? 0) + 1);
    const df = await h.query<{ term: string; df: number }>(`SELECT term, df FROM lexical_terms WHERE df > 0`);
    expect(new Map(df.map((r) => [r.term, r.df]))).toEqual(expected);
    const [totals] = await h.query<{ documents: number; total_length: number }>(`SELECT documents::int AS documents, total_length FROM lexical_totals`);
    expect(totals).toEqual({ documents: 2, total_length: traces.reduce((sum, t) => sum + lexicalPostings(t).length, 0) });
  });
});
