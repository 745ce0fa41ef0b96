import { DomainError, PAGE_LIMITS } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { SearchModule } from '../../search.module';
import { WantedRecorder } from '../record-wanted/wanted-recorder';
import { ListWantedUseCase } from './list-wanted.usecase';

describe('ListWantedUseCase', () => {
  let h: UseCaseHarness;
  let list: ListWantedUseCase;
  let recorder: WantedRecorder;
  const ask = async (q: string, times = 1) => {
    for (let i = 0; i < times; i++) expect(await recorder.record(q, { resultCount: 0 })).toBe('recorded');
  };

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    list = h.get(ListWantedUseCase);
    recorder = h.get(WantedRecorder);
  });
  afterAll(() => h.close());

  it('answers an empty list', async () => {
    expect(await list.execute({})).toEqual({ wanted: [], next_cursor: null });
  });

  it('lists open questions aggregated, the most asked first, then the most recently asked', async () => {
    await ask('Gradle daemon disappeared unexpectedly', 3);
    await ask('pnpm workspace hoisting breaks jest');
    await ask('Kubernetes CrashLoopBackOff without logs', 2);
    await ask('pnpm WORKSPACE hoisting breaks Jest');
    await ask('cargo build stuck on blocking waiting for file lock');
    const { wanted, next_cursor } = await list.execute({});
    expect(next_cursor).toBeNull();
    expect(wanted.map((w) => [w.query, w.count])).toEqual([
      ['Gradle daemon disappeared unexpectedly', 3],
      ['pnpm workspace hoisting breaks jest', 2],
      ['Kubernetes CrashLoopBackOff without logs', 2],
      ['cargo build stuck on blocking waiting for file lock', 1],
    ]);
    expect(wanted[1]).toMatchObject({
      normalized_query: 'pnpm workspace hoisting breaks jest',
      searchers: 0,
      answered_by: null,
      answered_at: null,
      first_seen_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(Date.parse(wanted[1].last_seen_at)).toBeGreaterThanOrEqual(Date.parse(wanted[1].first_seen_at));
  });

  it('pages with limit and cursor, each question once', async () => {
    const first = await list.execute({ limit: 3 });
    expect(first.wanted).toHaveLength(3);
    expect(first.next_cursor).toBe(first.wanted[2].id);
    const second = await list.execute({ limit: 3, cursor: first.next_cursor ?? undefined });
    expect(second).toMatchObject({ next_cursor: null });
    expect(second.wanted.map((w) => w.query)).toEqual(['cargo build stuck on blocking waiting for file lock']);
    expect(PAGE_LIMITS.defaultLimit).toBe(10);
  });

  it('refuses a cursor that is not one of its own with validation_failed', async () => {
    await expect(list.execute({ cursor: randomUUID() })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(list.execute({ cursor: randomUUID() })).rejects.toBeInstanceOf(DomainError);
  });

  it('leaves answered questions out by default and lists them on request', async () => {
    const owner = await h.account('answerer');
    const [trace] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash) VALUES ('Gradle daemon', 'c', 's', $1, repeat('b', 64)) RETURNING id`,
      [owner],
    );
    await h.query(`UPDATE wanted_queries SET answered_by = $1, answered_at = now() WHERE normalized_query = 'gradle daemon disappeared unexpectedly'`, [trace.id]);
    const open = await list.execute({});
    expect(open.wanted.map((w) => w.query)).not.toContain('Gradle daemon disappeared unexpectedly');
    expect(open.wanted).toHaveLength(3);
    const answered = await list.execute({ answered: true });
    expect(answered.wanted).toEqual([expect.objectContaining({ query: 'Gradle daemon disappeared unexpectedly', answered_by: trace.id, answered_at: expect.any(String) })]);
    expect(await list.execute({ answered: false })).toEqual(open);
  });
});
