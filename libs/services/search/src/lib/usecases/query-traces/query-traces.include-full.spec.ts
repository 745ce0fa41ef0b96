import { SearchQueryTraces, TRACE_LIMITS } from '@commontrace/contracts';
import { MAX_REPLY_BYTES } from '@commontrace/messaging';
import { UseCaseHarness } from '@commontrace/testing';
import { SearchModule } from '../../search.module';
import { QueryTracesUseCase } from './query-traces.usecase';

/** `include_full` is capped so that a search reply stays under the bus limit in both modes. */
describe('QueryTracesUseCase with include_full', () => {
  const TRACES = 10;
  let h: UseCaseHarness;
  let query: QueryTracesUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    query = h.get(QueryTracesUseCase);
    const contributor = await h.account();
    // Traces at the size limits, in two-byte characters: ten of them in full would be about 2 MB.
    const longest = 'é'.repeat(TRACE_LIMITS.text);
    for (let i = 0; i < TRACES; i++) {
      await h.query(
        `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash)
         VALUES ($1, $2, $2, '{fulltext}', $3, $4)`,
        [`long trace ${i}`, longest, contributor, String(i).padStart(64, '0')],
      );
    }
    await h.indexLexically();
  });

  afterAll(() => h.close());

  it(`gives full text to the first ${SearchQueryTraces.SEARCH_LIMITS.maxFull} results only, and stays under MAX_REPLY_BYTES`, async () => {
    const reply = await query.execute({ tags: ['fulltext'], limit: SearchQueryTraces.SEARCH_LIMITS.maxLimit, include_full: true });
    expect(reply.results).toHaveLength(TRACES);
    const full = reply.results.map((r) => r.solution_text !== undefined && r.context_text !== undefined);
    expect(full).toEqual(reply.results.map((_, i) => i < SearchQueryTraces.SEARCH_LIMITS.maxFull));
    expect(reply.results[0].solution_text).toHaveLength(TRACE_LIMITS.text);
    expect(Buffer.byteLength(JSON.stringify(reply))).toBeLessThanOrEqual(MAX_REPLY_BYTES);
  });

  it('gives snippets only without include_full', async () => {
    const reply = await query.execute({ tags: ['fulltext'], limit: 5 });
    expect(reply.results.some((r) => 'solution_text' in r || 'context_text' in r)).toBe(false);
    expect(reply.results.every((r) => r.snippet.length > 0)).toBe(true);
    // CommonTrace v1: a search by tags alone echoes query null.
    expect({ query: reply.query, total: reply.total }).toEqual({ query: null, total: 5 });
  });
});
