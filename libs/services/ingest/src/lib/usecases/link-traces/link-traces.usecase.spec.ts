import { ErrorCode, LinkKind, Privilege, PRIVILEGE_THRESHOLDS, ReputationGetReputation, TraceStatusChanged } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../../ingest.module';
import { insertTrace, refusal, reputationWith } from '../spec-fixtures';
import { LinkTracesUseCase } from './link-traces.usecase';

type Kind = LinkKind;

describe('LinkTracesUseCase', () => {
  let h: UseCaseHarness;
  let link: LinkTracesUseCase;
  const points = new Map<string, number>();
  /** The thresholds the reputation service is configured with (its PRIVILEGE_<NAME>_POINTS). */
  const thresholds: Record<Privilege, number> = { ...PRIVILEGE_THRESHOLDS };
  /** Owns the source traces; owns nothing else. */
  let author: string;
  /** Owns the target traces. */
  let targetOwner: string;
  /** Owns the source and the target traces of the owner-of-both cases. */
  let both: string;
  let linker: string; // 100 points: the link privilege
  let reviewer: string; // 250 points: the review privilege
  let other: string; // 1 point

  const trace = (owner: string, status = 'pending') => insertTrace(h, owner, { status });
  const statusOf = async (id: string) => (await h.query<{ status: string }>(`SELECT status FROM traces WHERE id = $1`, [id]))[0].status;
  const linksOf = async (source: string) => h.query(`SELECT target_id, kind, created_by FROM trace_links WHERE source_id = $1`, [source]);

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    // The reputation service, with the points each agent has.
    h.fake(ReputationGetReputation.contract, reputationWith(points, thresholds));
    link = h.get(LinkTracesUseCase);
    [author, targetOwner, both, linker, reviewer, other] = await Promise.all(
      ['author', 'target-owner', 'both', 'linker', 'reviewer', 'other'].map((n) => h.account(n)),
    );
    points.set(linker, 100);
    points.set(reviewer, 250);
  });

  afterAll(() => h.close());

  /** A fresh pair of traces: the source by `author`, the target by `targetOwner`. */
  const pair = async () => ({ source: await trace(author), target: await trace(targetOwner) });

  describe.each<Kind>(['related', 'alternative_to', 'contradicts'])('%s changes no trace: the source owner or the link privilege (100)', (kind) => {
    it('the source owner may link, and who linked is recorded', async () => {
      const { source, target } = await pair();
      const made = await link.execute({ source_id: source, target_id: target, kind, created_by: author });
      expect(made).toMatchObject({ source_id: source, target_id: target, kind, created_by: author });
      expect(await linksOf(source)).toEqual([{ target_id: target, kind, created_by: author }]);
      expect(await statusOf(target)).toBe('pending');
    });

    it('an agent with the link privilege may link traces it does not own', async () => {
      const { source, target } = await pair();
      await link.execute({ source_id: source, target_id: target, kind, created_by: linker });
      expect(await linksOf(source)).toEqual([{ target_id: target, kind, created_by: linker }]);
    });

    it('anyone else is refused, and nothing is stored', async () => {
      const { source, target } = await pair();
      expect(await refusal(link.execute({ source_id: source, target_id: target, kind, created_by: other }))).toEqual({
        code: ErrorCode.InsufficientReputation,
        details: { privilege: 'link', required_points: 100, points: 1 },
      });
      // Owning the target does not make an agent the author of a statement on the source.
      expect((await refusal(link.execute({ source_id: source, target_id: target, kind, created_by: targetOwner })))?.code).toBe(ErrorCode.InsufficientReputation);
      expect(await linksOf(source)).toEqual([]);
    });
  });

  describe('supersedes changes the target: also its owner or the review privilege (250)', () => {
    it('the owner of both may supersede: the target turns superseded, with its event', async () => {
      const source = await trace(both);
      const target = await trace(both, 'validated');
      await link.execute({ source_id: source, target_id: target, kind: 'supersedes', created_by: both });
      expect(await h.query(`SELECT status, superseded_by FROM traces WHERE id = $1`, [target])).toEqual([{ status: 'superseded', superseded_by: source }]);
      expect(await h.query(`SELECT supersedes FROM traces WHERE id = $1`, [source])).toEqual([{ supersedes: target }]);
      const events = await h.events<{ trace_id: string; from: string; to: string }>(TraceStatusChanged.contract.subject);
      expect(events.filter((e) => e.data.trace_id === target).map((e) => [e.data.from, e.data.to])).toEqual([['validated', 'superseded']]);
    });

    it('an agent with the review privilege may supersede traces it does not own', async () => {
      const { source, target } = await pair();
      await link.execute({ source_id: source, target_id: target, kind: 'supersedes', created_by: reviewer });
      expect(await statusOf(target)).toBe('superseded');
    });

    it("the source's owner cannot supersede another account's trace (the reported hole), and nothing changes", async () => {
      const { source, target } = await pair();
      expect(await refusal(link.execute({ source_id: source, target_id: target, kind: 'supersedes', created_by: author }))).toEqual({
        code: ErrorCode.InsufficientReputation,
        details: { privilege: 'review', required_points: 250, points: 1 },
      });
      expect(await statusOf(target)).toBe('pending');
      expect(await linksOf(source)).toEqual([]);
      expect((await h.events(TraceStatusChanged.contract.subject)).filter((e) => (e.data as { trace_id: string }).trace_id === target)).toEqual([]);
    });

    it('the link privilege alone is not enough, nor owning only the target, nor nothing', async () => {
      const { source, target } = await pair();
      for (const agent of [linker, targetOwner, other]) {
        const refused = await refusal(link.execute({ source_id: source, target_id: target, kind: 'supersedes', created_by: agent }));
        expect(refused?.code).toBe(ErrorCode.InsufficientReputation);
      }
      expect(await statusOf(target)).toBe('pending');
      expect(await linksOf(source)).toEqual([]);
    });

    it('a trace that is itself superseded cannot supersede another (no cycles)', async () => {
      const newer = await trace(both);
      const older = await trace(both);
      await link.execute({ source_id: newer, target_id: older, kind: 'supersedes', created_by: both });
      expect((await refusal(link.execute({ source_id: older, target_id: newer, kind: 'supersedes', created_by: both })))?.code).toBe(ErrorCode.Conflict);
      expect(await statusOf(newer)).toBe('pending');
    });
  });

  describe('duplicate_of closes the source as a duplicate and leaves the target as it is: the source owner or the review privilege (250)', () => {
    it('the source owner may mark its own trace a duplicate of anyone else’s; the target is unchanged', async () => {
      const { source, target } = await pair();
      await link.execute({ source_id: source, target_id: target, kind: 'duplicate_of', created_by: author });
      expect(await linksOf(source)).toEqual([{ target_id: target, kind: 'duplicate_of', created_by: author }]);
      expect(await statusOf(target)).toBe('pending');
      expect(await statusOf(source)).toBe('pending');
    });

    it('an agent with the review privilege may close another account’s trace as a duplicate', async () => {
      const { source, target } = await pair();
      await link.execute({ source_id: source, target_id: target, kind: 'duplicate_of', created_by: reviewer });
      expect(await linksOf(source)).toEqual([{ target_id: target, kind: 'duplicate_of', created_by: reviewer }]);
    });

    it('the link privilege alone, the target owner and anyone else are refused', async () => {
      const { source, target } = await pair();
      expect(await refusal(link.execute({ source_id: source, target_id: target, kind: 'duplicate_of', created_by: linker }))).toEqual({
        code: ErrorCode.InsufficientReputation,
        details: { privilege: 'review', required_points: 250, points: 100 },
      });
      for (const agent of [targetOwner, other]) {
        expect((await refusal(link.execute({ source_id: source, target_id: target, kind: 'duplicate_of', created_by: agent })))?.code).toBe(ErrorCode.InsufficientReputation);
      }
      expect(await linksOf(source)).toEqual([]);
    });
  });

  it('refuses a link made twice, a link to itself, and links from or to missing or hidden traces', async () => {
    const { source, target } = await pair();
    await link.execute({ source_id: source, target_id: target, kind: 'related', created_by: author });
    expect((await refusal(link.execute({ source_id: source, target_id: target, kind: 'related', created_by: author })))?.code).toBe(ErrorCode.Conflict);
    expect((await refusal(link.execute({ source_id: source, target_id: source, kind: 'related', created_by: author })))?.code).toBe(
      ErrorCode.ValidationFailed,
    );
    const hidden = await trace(author, 'hidden');
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [from, to] of [
      [source, hidden],
      [hidden, target],
      [source, missing],
    ]) {
      expect((await refusal(link.execute({ source_id: from, target_id: to, kind: 'related', created_by: author })))?.code).toBe(ErrorCode.NotFound);
    }
    expect(await h.query(`SELECT 1 FROM trace_links WHERE source_id = $1 OR target_id = $1`, [hidden])).toEqual([]);
  });

  it('follows the thresholds the reputation service is configured with, not fixed ones', async () => {
    try {
      thresholds.link = 5;
      points.set(other, 5);
      const allowed = await pair();
      await link.execute({ source_id: allowed.source, target_id: allowed.target, kind: 'related', created_by: other });
      expect(await linksOf(allowed.source)).toEqual([{ target_id: allowed.target, kind: 'related', created_by: other }]);

      thresholds.link = 500;
      points.set(linker, 100);
      const refused = await pair();
      expect(await refusal(link.execute({ source_id: refused.source, target_id: refused.target, kind: 'related', created_by: linker }))).toEqual({
        code: ErrorCode.InsufficientReputation,
        details: { privilege: 'link', required_points: 500, points: 100 },
      });
      expect(await linksOf(refused.source)).toEqual([]);
    } finally {
      thresholds.link = PRIVILEGE_THRESHOLDS.link;
      points.delete(other);
    }
  });
});
