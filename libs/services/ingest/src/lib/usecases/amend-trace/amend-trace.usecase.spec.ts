import { ErrorCode } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../../ingest.module';
import { insertTrace, refusal } from '../spec-fixtures';
import { AmendTraceUseCase } from './amend-trace.usecase';

describe('AmendTraceUseCase', () => {
  let h: UseCaseHarness;
  let amend: AmendTraceUseCase;
  let owner: string;
  let author: string;

  const trace = (version = 1, status = 'pending') => insertTrace(h, owner, { version, status });
  const proposal = { improved_solution: 'Pin the version in the lockfile and rebuild.', explanation: 'The range picks up a broken release.' };
  const count = async (traceId: string) => (await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM amendments WHERE trace_id = $1`, [traceId]))[0].n;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    amend = h.get(AmendTraceUseCase);
    owner = await h.account('owner');
    author = await h.account('author');
  });

  afterAll(() => h.close());

  it('stores a pending amendment written against the current version when no base is given', async () => {
    const id = await trace(3);
    const view = await amend.execute({ ...proposal, trace_id: id, author_id: author, title: 'Better title' });
    expect(view).toMatchObject({ trace_id: id, author_id: author, status: 'pending', base_version: 3, title: 'Better title', redactions: [] });
    expect(await h.query(`SELECT base_version, status FROM amendments WHERE id = $1`, [view.id])).toEqual([{ base_version: 3, status: 'pending' }]);
  });

  it('takes the base version the request names when it is the current one', async () => {
    const id = await trace(2);
    expect((await amend.execute({ ...proposal, trace_id: id, author_id: author, base_version: 2 })).base_version).toBe(2);
  });

  it('refuses an amendment written against an older version (409 stale_amendment) and one against a version that does not exist', async () => {
    const id = await trace(2);
    expect(await refusal(amend.execute({ ...proposal, trace_id: id, author_id: author, base_version: 1 }))).toEqual({
      code: ErrorCode.StaleAmendment,
      details: { base_version: 1, current_version: 2 },
    });
    expect((await refusal(amend.execute({ ...proposal, trace_id: id, author_id: author, base_version: 3 })))?.code).toBe(ErrorCode.ValidationFailed);
    expect(await count(id)).toBe(0);
  });

  it('refuses credentials and redacts personal data, like a contribution', async () => {
    const id = await trace();
    const secret = { ...proposal, improved_solution: 'Use the key sk_live_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3' };
    expect((await refusal(amend.execute({ ...secret, trace_id: id, author_id: author })))?.code).toBe(ErrorCode.SecretDetected);
    const view = await amend.execute({ ...proposal, explanation: 'Checked by ops@corp.example.net.', trace_id: id, author_id: author });
    expect(view.explanation).toBe('Checked by [email].');
    expect(view.redactions).toEqual([{ field: 'explanation', kind: 'email', count: 1 }]);
    expect(await count(id)).toBe(1);
  });

  it('answers 404 for a missing trace and for a hidden one', async () => {
    const hidden = await trace(1, 'hidden');
    for (const id of [hidden, '00000000-0000-4000-8000-000000000000']) {
      expect((await refusal(amend.execute({ ...proposal, trace_id: id, author_id: author })))?.code).toBe(ErrorCode.NotFound);
    }
    expect(await count(hidden)).toBe(0);
  });
});
