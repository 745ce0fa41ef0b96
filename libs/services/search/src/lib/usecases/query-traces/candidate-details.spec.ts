import { contentHash } from '@commontrace/domain-traces';
import { toVectorLiteral } from '@commontrace/persistence';
import { UseCaseHarness } from '@commontrace/testing';
import { SearchModule } from '../../search.module';
import { candidateDetails, duplicatePairs, pageTraces } from './candidate-details';

/** A unit vector along one axis, bent towards another by `tilt` (cosine similarity with the axis: 1 / sqrt(1 + tilt²)). */
function vector(axis: number, tilt = 0, towards = axis + 1): number[] {
  const v = new Array(16).fill(0);
  v[axis] = 1;
  v[towards] += tilt;
  return v;
}

describe('candidate details, page traces and duplicate pairs (the reads of a search after retrieval)', () => {
  let h: UseCaseHarness;
  let contributor: string;
  let n = 0;

  async function trace(status = 'validated', embedding?: number[]): Promise<string> {
    n += 1;
    const t = { title: `Trace ${n}`, context_text: `context of trace ${n}`, solution_text: `solution of trace ${n}` };
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, status, contributor_id, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [t.title, t.context_text, t.solution_text, ['details'], status, contributor, contentHash(t)],
    );
    if (embedding) {
      await h.query(
        `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
         VALUES ($1, 'spec-model', 'offline', 16, $2, $3)`,
        [row.id, toVectorLiteral(embedding), contentHash(t)],
      );
    }
    return row.id;
  }

  async function link(source: string, target: string, kind: string, minutesAgo: number): Promise<void> {
    await h.query(
      `INSERT INTO trace_links (source_id, target_id, kind, created_by, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(mins => $5))`,
      [source, target, kind, contributor, minutesAgo],
    );
  }

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    contributor = await h.account();
  });

  afterAll(async () => {
    await h.close();
  });

  it('reads each page trace with its texts and at most three related traces, newest link first, in either direction, never duplicates or hidden ones', async () => {
    const result = await trace();
    const lonely = await trace();
    const [older, newest, incoming, middle, oldest] = [await trace(), await trace(), await trace(), await trace(), await trace()];
    const hidden = await trace('hidden');
    const copy = await trace();
    await link(result, older, 'related', 30);
    await link(result, newest, 'alternative_to', 1);
    await link(incoming, result, 'contradicts', 5);
    await link(result, middle, 'related', 10);
    await link(result, oldest, 'related', 60);
    await link(result, hidden, 'related', 0);
    await link(copy, result, 'duplicate_of', 0);

    const page = await pageTraces(h.dataSource.manager, [result, lonely]);
    const got = page.get(result);
    expect(got).toMatchObject({ id: result, title: expect.stringMatching(/^Trace /), context_text: expect.stringMatching(/^context of/), tags: ['details'], status: 'validated' });
    expect(got?.solution_text).toMatch(/^solution of/);
    expect(got?.related).toEqual([
      { id: newest, title: expect.any(String), kind: 'alternative_to' },
      { id: incoming, title: expect.any(String), kind: 'contradicts' },
      { id: middle, title: expect.any(String), kind: 'related' },
    ]);
    expect(page.get(lonely)?.related).toEqual([]);
    expect(await pageTraces(h.dataSource.manager, [])).toEqual(new Map());
  });

  it('reads the details of the candidates that pass the filter only, and pairs linked duplicates and near-identical vectors among the compared', async () => {
    const original = await trace('validated', vector(0));
    const twin = await trace('validated', vector(0, 0.1)); // cosine ≈ 0.995 with the original
    const cousin = await trace('validated', vector(0, 0.5)); // cosine ≈ 0.89: similar, not the same trace
    const linked = await trace('pending', vector(4));
    const far = await trace('validated', vector(8));
    const hidden = await trace('hidden', vector(0));
    await link(linked, far, 'duplicate_of', 0);
    const ids = [original, twin, cousin, linked, far, hidden];
    const m = h.dataSource.manager;

    const filter = { tags: null, language: null, framework: null, statuses: ['validated' as const, 'hidden' as const], limit: 50 };
    const details = await candidateDetails(m, ids, filter);
    expect([...details.keys()].sort()).toEqual([original, twin, cousin, far].sort());
    // The rest of the filter holds too, whatever a retriever knew of it.
    expect((await candidateDetails(m, ids, { ...filter, tags: ['details'] })).size).toBe(4);
    expect((await candidateDetails(m, ids, { ...filter, tags: ['details', 'elsewhere'] })).size).toBe(0);
    expect((await candidateDetails(m, ids, { ...filter, language: 'python' })).size).toBe(0);

    const sorted = (pairs: [string, string][]) => pairs.map((p) => [...p].sort()).sort();
    // Compared: all of them. The hidden trace's vector matches too; the caller leaves it out with the details.
    expect(sorted(await duplicatePairs(m, ids, ids))).toEqual(sorted([[original, twin], [original, hidden], [twin, hidden], [linked, far]]));
    // Compared: only the original and the cousin. The link still counts among all ids.
    expect(sorted(await duplicatePairs(m, ids, [original, cousin]))).toEqual(sorted([[linked, far]]));
  });
});
