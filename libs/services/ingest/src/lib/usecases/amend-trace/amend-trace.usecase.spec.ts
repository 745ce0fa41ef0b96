import { lexicalPostings } from '@commontrace/domain-search';
import { ErrorCode, Privilege, PRIVILEGE_THRESHOLDS, ReputationGetReputation, TraceAmended } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../../ingest.module';
import { insertTrace, refusal, reputationWith } from '../spec-fixtures';
import { AmendTraceUseCase } from './amend-trace.usecase';

describe('AmendTraceUseCase', () => {
  let h: UseCaseHarness;
  let amend: AmendTraceUseCase;
  let owner: string;
  let author: string;
  let editor: string; // 1000 points: the edit privilege
  const points = new Map<string, number>();
  const thresholds: Record<Privilege, number> = { ...PRIVILEGE_THRESHOLDS };

  const trace = (version = 1, status = 'pending') => insertTrace(h, owner, { version, status });
  const proposal = { improved_solution: 'Pin the version in the lockfile and rebuild.', explanation: 'The range picks up a broken release.' };
  const count = async (traceId: string) => (await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM amendments WHERE trace_id = $1`, [traceId]))[0].n;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    h.fake(ReputationGetReputation.contract, reputationWith(points, thresholds));
    amend = h.get(AmendTraceUseCase);
    owner = await h.account('owner');
    author = await h.account('author');
    editor = await h.account('editor');
    points.set(author, 999);
    points.set(editor, 1000);
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

  describe('edit directly: the owner and the edit privilege (1000)', () => {
    const stateOf = async (id: string) =>
      (await h.query<{ version: number; solution_text: string }>(`SELECT version, solution_text FROM traces WHERE id = $1`, [id]))[0];
    const amendedEvents = async (id: string) =>
      (await h.events<TraceAmended.TraceAmendedEvent>(TraceAmended.contract.subject)).filter((e) => e.data.trace_id === id).map((e) => e.data);

    it("applies the owner's amendment at once: a new version, the old text kept, trace.amended", async () => {
      const id = await trace();
      const view = await amend.execute({ ...proposal, trace_id: id, author_id: owner });
      expect(view).toMatchObject({ status: 'accepted', reviewed_by: owner, base_version: 1, trace_version: 2 });
      expect(await stateOf(id)).toEqual({ version: 2, solution_text: proposal.improved_solution });
      expect(await h.query(`SELECT version, solution_text FROM trace_versions WHERE trace_id = $1`, [id])).toEqual([
        { version: 1, solution_text: 'Original solution' },
      ]);
      expect(await amendedEvents(id)).toEqual([expect.objectContaining({ amendment_id: view.id, author_id: owner, version: 2 })]);
      // Its lexical index holds the new text's terms, written with the version.
      const postings = await h.query<{ term: string }>(`SELECT term FROM lexical_postings WHERE trace_id = $1 ORDER BY term`, [id]);
      const expected = lexicalPostings({ title: 'Original title', tags: [], context_text: 'Original context', solution_text: proposal.improved_solution });
      expect(postings.map((p) => p.term)).toEqual([...expected.terms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('applies the amendment of an agent with the edit privilege at once; one point less keeps it pending', async () => {
      const id = await trace();
      const pending = await amend.execute({ ...proposal, trace_id: id, author_id: author });
      expect(pending).toMatchObject({ status: 'pending', reviewed_by: null });
      expect(pending.trace_version).toBeUndefined();
      expect(await stateOf(id)).toEqual({ version: 1, solution_text: 'Original solution' });
      expect(await amendedEvents(id)).toEqual([]);

      const edited = await amend.execute({ ...proposal, improved_solution: 'Edited directly by a privileged agent.', trace_id: id, author_id: editor });
      expect(edited).toMatchObject({ status: 'accepted', reviewed_by: editor, trace_version: 2 });
      expect(await stateOf(id)).toEqual({ version: 2, solution_text: 'Edited directly by a privileged agent.' });
      expect(await amendedEvents(id)).toEqual([expect.objectContaining({ amendment_id: edited.id, author_id: editor, version: 2 })]);
      // The pending one was written against version 1: it can no longer be accepted.
      expect(await h.query(`SELECT status FROM amendments WHERE id = $1`, [pending.id])).toEqual([{ status: 'pending' }]);
    });

    it('follows the edit threshold the reputation service is configured with', async () => {
      try {
        thresholds.edit = 999;
        const id = await trace();
        expect(await amend.execute({ ...proposal, trace_id: id, author_id: author })).toMatchObject({ status: 'accepted', trace_version: 2 });
        thresholds.edit = 5000;
        const other = await trace();
        expect(await amend.execute({ ...proposal, trace_id: other, author_id: editor })).toMatchObject({ status: 'pending' });
      } finally {
        thresholds.edit = PRIVILEGE_THRESHOLDS.edit;
      }
    });

    it('refuses a direct edit against an older version like any amendment, and changes nothing', async () => {
      const id = await trace(2);
      expect((await refusal(amend.execute({ ...proposal, trace_id: id, author_id: editor, base_version: 1 })))?.code).toBe(ErrorCode.StaleAmendment);
      expect(await stateOf(id)).toEqual({ version: 2, solution_text: 'Original solution' });
      expect(await count(id)).toBe(0);
    });
  });
});
