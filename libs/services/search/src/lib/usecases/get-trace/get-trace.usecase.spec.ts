import { DomainError, ErrorCode } from '@commontrace/contracts';
import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { toVectorLiteral } from '@commontrace/persistence';
import { UseCaseHarness } from '@commontrace/testing';
import { SearchModule } from '../../search.module';
import { GetTraceUseCase } from './get-trace.usecase';

describe('GetTraceUseCase', () => {
  let h: UseCaseHarness;
  let get: GetTraceUseCase;
  let owner: string;

  const trace = async (status: string): Promise<string> => {
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status)
       VALUES ('Title', 'Context', 'Solution', '{git}', $1, md5(random()::text) || md5(random()::text), $2) RETURNING id`,
      [owner, status],
    );
    return row.id;
  };

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    get = h.get(GetTraceUseCase);
    owner = await h.account('owner');
  });

  afterAll(() => h.close());

  it('serves a trace in full, superseded ones included', async () => {
    for (const status of ['pending', 'superseded']) {
      const id = await trace(status);
      expect(await get.execute({ id })).toMatchObject({ id, title: 'Title', solution_text: 'Solution', tags: ['git'], status, has_embedding: false });
    }
  });

  it('answers 404 for a hidden trace, exactly as for a missing one', async () => {
    const hidden = await trace('hidden');
    const missing = '00000000-0000-4000-8000-000000000000';
    const [a, b] = (await Promise.all([hidden, missing].map((id) => get.execute({ id }).catch((e) => e)))) as DomainError[];
    expect([a.code, b.code]).toEqual([ErrorCode.NotFound, ErrorCode.NotFound]);
    expect(a.message.replace(hidden, 'ID')).toBe(b.message.replace(missing, 'ID'));
  });

  it('reads every field of the trace as ingest stored it', async () => {
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, metadata, language, contributor_id, content_hash)
       VALUES ('Vite cannot resolve the @ alias', 'Failed to resolve import "@/components/App"', 'Add resolve.alias to vite.config.ts',
               '{vite,typescript}', '{"os": "linux"}', 'typescript', $1, repeat('a', 64))
       RETURNING id`,
      [owner],
    );
    const view = await get.execute({ id: row.id });
    expect(view).toMatchObject({
      id: row.id,
      title: 'Vite cannot resolve the @ alias',
      context_text: 'Failed to resolve import "@/components/App"',
      solution_text: 'Add resolve.alias to vite.config.ts',
      tags: ['vite', 'typescript'],
      language: 'typescript',
      framework: null,
      metadata_json: { os: 'linux' },
      contributor_id: owner,
      status: 'pending',
      version: 1,
      has_embedding: false,
    });
    expect(new Date(view.created_at).toISOString()).toBe(view.created_at);
  });

  it('says whether the trace has a vector yet', async () => {
    const id = await trace('pending');
    await h.query(
      `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
       VALUES ($1, $2, 'offline', $3, $4, repeat('a', 64))`,
      [id, HASHING_MODEL_ID, HASHING_DIMENSIONS, toVectorLiteral(hashingEmbed('vite alias'))],
    );
    expect((await get.execute({ id })).has_embedding).toBe(true);
  });

  it('shows the trust summary reputation stored, and an unverified one without evidence', async () => {
    const id = await trace('pending');
    expect((await get.execute({ id })).trust).toMatchObject({ label: 'unverified', score: null, not_enough_evidence: true, evidence: 0, independent_agents: 0 });
    const summary = { score: 0.43, not_enough_evidence: false, label: 'verified', buried: false, evidence: 6 };
    await h.query(`INSERT INTO trace_scores (trace_id, summary) VALUES ($1, $2)`, [id, JSON.stringify(summary)]);
    expect((await get.execute({ id })).trust).toEqual(summary);
  });

  it('offers the owner, and only the owner, what verifiers had to change', async () => {
    const id = await trace('pending');
    const verifier = await h.account('verifier');
    await h.query(
      `INSERT INTO verifications (trace_id, verifier_id, outcome, environment, environment_key, changes, trace_version, counted, weight)
       VALUES ($1, $2, 'worked_with_changes', '{"os":"linux"}', 'k', 'Run it with sudo -E.', 1, true, 1.5)`,
      [id, verifier],
    );
    expect((await get.execute({ id, reader_id: owner })).suggested_changes).toEqual([
      expect.objectContaining({ changes: 'Run it with sudo -E.', environment: { os: 'linux' } }),
    ]);
    expect((await get.execute({ id, reader_id: verifier })).suggested_changes).toBeUndefined();
    expect((await get.execute({ id })).suggested_changes).toBeUndefined();
  });
});
