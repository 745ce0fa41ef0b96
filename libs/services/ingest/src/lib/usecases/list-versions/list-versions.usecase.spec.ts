import { ErrorCode, PAGE_LIMITS } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../../ingest.module';
import { insertTrace, refusal } from '../spec-fixtures';
import { ListVersionsUseCase } from './list-versions.usecase';

describe('ListVersionsUseCase', () => {
  let h: UseCaseHarness;
  let list: ListVersionsUseCase;
  let owner: string;
  let editor: string;

  /** A trace at `current` with versions 1…current-1 kept, each `chars` long. */
  const traceWithVersions = async (current: number, chars = 10, status = 'pending'): Promise<string> => {
    const id = await insertTrace(h, owner, { status, version: current, solutionChars: chars });
    await h.query(
      `INSERT INTO trace_versions (trace_id, version, title, context_text, solution_text, created_by)
       SELECT $1, v, 'title ' || v, 'c', repeat('s', $3), $4 FROM generate_series(1, $2 - 1) v`,
      [id, current, chars, owner],
    );
    return id;
  };
  const numbers = (reply: { versions: { version: number }[] }) => reply.versions.map((v) => v.version);

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    list = h.get(ListVersionsUseCase);
    owner = await h.account('owner');
    editor = await h.account('editor');
  });

  afterAll(() => h.close());

  it('lists newest first: the current text leads the first page, made by the last accepted amendment’s author', async () => {
    const id = await traceWithVersions(3);
    await h.query(
      `INSERT INTO amendments (trace_id, author_id, improved_solution, explanation, base_version, status, reviewed_by, reviewed_at)
       VALUES ($1, $2, 's', 'e', 2, 'accepted', $3, now())`,
      [id, editor, owner],
    );
    const reply = await list.execute({ trace_id: id });
    expect(reply.versions.map((v) => [v.version, v.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    expect(reply.versions[0].created_by).toBe(editor);
    expect(reply).toMatchObject({ current_version: 3, next_cursor: null });
  });

  it('pages with limit and cursor until next_cursor is null, every version once', async () => {
    const id = await traceWithVersions(7);
    const seen: number[][] = [];
    let cursor: string | undefined;
    do {
      const page = await list.execute({ trace_id: id, limit: 3, cursor });
      seen.push(numbers(page));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([[7, 6, 5], [4, 3, 2], [1]]);
    expect(numbers(await list.execute({ trace_id: id, limit: 1 }))).toEqual([7]);
  });

  it('keeps a page of long versions under the byte budget and goes on from where it stopped', async () => {
    // Each version is about 200 KB, so a 512 KB page holds two of them whatever the limit.
    const id = await traceWithVersions(5, 200_000);
    const first = await list.execute({ trace_id: id, limit: PAGE_LIMITS.maxLimit });
    expect(numbers(first)).toEqual([5, 4]);
    expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThanOrEqual(PAGE_LIMITS.maxBytes + 1024);
    const second = await list.execute({ trace_id: id, limit: PAGE_LIMITS.maxLimit, cursor: first.next_cursor ?? undefined });
    expect(numbers(second)).toEqual([3, 2]);
  });

  it('answers 404 for a hidden trace and a missing one', async () => {
    const hidden = await traceWithVersions(2, 10, 'hidden');
    for (const id of [hidden, '00000000-0000-4000-8000-000000000000']) {
      expect((await refusal(list.execute({ trace_id: id })))?.code).toBe(ErrorCode.NotFound);
    }
  });
});
