import { ErrorCode, PAGE_LIMITS } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../../ingest.module';
import { insertTrace, refusal } from '../spec-fixtures';
import { ListAmendmentsUseCase } from './list-amendments.usecase';

describe('ListAmendmentsUseCase', () => {
  let h: UseCaseHarness;
  let list: ListAmendmentsUseCase;
  let owner: string;

  const trace = (status = 'pending') => insertTrace(h, owner, { status });
  /** `n` amendments proposed in this order, all in the same instant (the order falls back on the id). */
  const amendments = async (traceId: string, n: number, chars = 10): Promise<string[]> => {
    const rows = await h.query<{ id: string }>(
      `INSERT INTO amendments (trace_id, author_id, improved_solution, explanation, base_version)
       SELECT $1, $2, repeat('s', $4), 'proposal ' || i, 1 FROM generate_series(1, $3) i RETURNING id`,
      [traceId, owner, n, chars],
    );
    return rows.map((r) => r.id);
  };
  const codeOf = async (p: Promise<unknown>) => (await refusal(p))?.code;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    list = h.get(ListAmendmentsUseCase);
    owner = await h.account('owner');
  });

  afterAll(() => h.close());

  it('lists newest first, with each amendment’s base version', async () => {
    const id = await trace();
    await h.query(
      `INSERT INTO amendments (trace_id, author_id, improved_solution, explanation, base_version, created_at)
       VALUES ($1, $2, 's', 'older', 1, now() - interval '1 hour'), ($1, $2, 's', 'newer', 1, now())`,
      [id, owner],
    );
    const reply = await list.execute({ trace_id: id });
    expect(reply.amendments.map((a) => [a.explanation, a.base_version, a.status])).toEqual([
      ['newer', 1, 'pending'],
      ['older', 1, 'pending'],
    ]);
    expect(reply.next_cursor).toBeNull();
  });

  it('pages with limit and cursor until next_cursor is null, every amendment once', async () => {
    const id = await trace();
    const ids = await amendments(id, 7);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await list.execute({ trace_id: id, limit: 3, cursor });
      pages.push(page.amendments.map((a) => a.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat().sort()).toEqual([...ids].sort());
  });

  it('keeps a page of long amendments under the byte budget', async () => {
    const id = await trace();
    await amendments(id, 4, 200_000);
    const first = await list.execute({ trace_id: id, limit: PAGE_LIMITS.maxLimit });
    expect(first.amendments).toHaveLength(2);
    expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThanOrEqual(PAGE_LIMITS.maxBytes + 1024);
    const second = await list.execute({ trace_id: id, limit: PAGE_LIMITS.maxLimit, cursor: first.next_cursor ?? undefined });
    expect(second.amendments).toHaveLength(2);
    expect(second.next_cursor).toBeNull();
  });

  it('refuses a cursor from another trace, and answers 404 for hidden and missing traces', async () => {
    const id = await trace();
    const [foreign] = await amendments(await trace(), 1);
    expect(await codeOf(list.execute({ trace_id: id, cursor: foreign }))).toBe(ErrorCode.ValidationFailed);
    const hidden = await trace('hidden');
    await amendments(hidden, 1);
    expect(await codeOf(list.execute({ trace_id: hidden }))).toBe(ErrorCode.NotFound);
    expect(await codeOf(list.execute({ trace_id: '00000000-0000-4000-8000-000000000000' }))).toBe(ErrorCode.NotFound);
  });
});
