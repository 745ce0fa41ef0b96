import { UseCaseHarness } from '@commontrace/testing';
import { SearchModule } from '../../search.module';
import { QueryTracesUseCase } from './query-traces.usecase';

describe('QueryTracesUseCase and trust', () => {
  let h: UseCaseHarness;
  let search: QueryTracesUseCase;
  let owner: string;

  const trace = async (title: string): Promise<string> => {
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash)
       VALUES ($1, 'Context of the gradle failure', 'Solution', '{gradle}', $2, md5(random()::text) || md5(random()::text)) RETURNING id`,
      [title, owner],
    );
    await h.indexLexically();
    return row.id;
  };

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    h.fakeOfflineEmbeddings();
    search = h.get(QueryTracesUseCase);
    owner = await h.account('owner');
  }, 60_000);
  afterAll(() => h.close());

  it('shows each result’s trust and leaves buried traces out of default search', async () => {
    const plain = await trace('Gradle daemon disappeared unexpectedly');
    const trusted = await trace('Gradle build cache corrupted after upgrade');
    const buried = await trace('Gradle wrapper download fails behind a proxy');
    await h.query(`INSERT INTO trace_scores (trace_id, summary, buried) VALUES ($1, $2, false), ($3, $4, true)`, [
      trusted, JSON.stringify({ score: 0.7, label: 'verified', buried: false }),
      buried, JSON.stringify({ score: 0.01, label: 'disputed', buried: true }),
    ]);
    for (const reply of [await search.execute({ q: 'gradle' }), await search.execute({ tags: ['gradle'] })]) {
      const byId = new Map(reply.results.map((r) => [r.id, r]));
      expect(byId.has(buried)).toBe(false);
      expect(byId.get(trusted)?.trust).toEqual({ score: 0.7, label: 'verified', buried: false });
      expect(byId.get(plain)?.trust).toMatchObject({ label: 'unverified', not_enough_evidence: true, score: null });
    }
  });
});
