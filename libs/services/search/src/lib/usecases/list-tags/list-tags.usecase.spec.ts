import { SearchListTags } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { SearchModule } from '../../search.module';
import { ListTagsUseCase } from './list-tags.usecase';

describe('ListTagsUseCase', () => {
  let h: UseCaseHarness;
  let list: ListTagsUseCase;
  let owner: string;

  const trace = (tags: string[], status = 'pending') =>
    h.query(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status)
       VALUES ('Title', 'Context', 'Solution', $1, $2, md5(random()::text) || md5(random()::text), $3)`,
      [tags, owner, status],
    );

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    list = h.get(ListTagsUseCase);
    owner = await h.account('owner');
  });
  afterAll(() => h.close());

  it('answers an empty corpus with no tags', async () => {
    expect(await list.execute({})).toEqual({ tags: [], counts: [], total: 0 });
  });

  it('counts the served traces of each tag, the most used first, and leaves hidden traces out', async () => {
    await trace(['docker', 'postgresql']);
    await trace(['docker', 'node_js'], 'validated');
    await trace(['docker'], 'superseded');
    await trace(['docker', 'secret-hidden-tag'], 'hidden');
    await trace(['nodejs']);
    expect(await list.execute({})).toEqual({
      tags: ['docker', 'node_js', 'nodejs', 'postgresql'],
      counts: [
        { tag: 'docker', count: 3 },
        { tag: 'node_js', count: 1 },
        { tag: 'nodejs', count: 1 },
        { tag: 'postgresql', count: 1 },
      ],
      total: 4,
    });
  });

  it('filters by prefix (taken literally: _ is no wildcard) and bounds the list by limit, with the total that matched', async () => {
    expect(await list.execute({ prefix: 'node_' })).toMatchObject({ tags: ['node_js'], total: 1 });
    expect(await list.execute({ prefix: 'no' })).toMatchObject({ tags: ['node_js', 'nodejs'], total: 2 });
    expect(await list.execute({ prefix: 'zzz' })).toEqual({ tags: [], counts: [], total: 0 });
    expect(await list.execute({ limit: 1 })).toEqual({ tags: ['docker'], counts: [{ tag: 'docker', count: 3 }], total: 4 });
    expect(SearchListTags.TAG_LIST_LIMITS.maxLimit).toBe(500);
  });
});
