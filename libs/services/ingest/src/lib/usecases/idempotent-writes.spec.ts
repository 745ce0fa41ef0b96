import { DomainError, ErrorCode, ReputationGetReputation } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { IdempotencyScope, RequestContext } from '@commontrace/util-observability';
import { waitFor } from '@commontrace/util-testing';
import { createHash, randomUUID } from 'node:crypto';
import { IngestModule } from '../ingest.module';
import { AmendTraceUseCase } from './amend-trace/amend-trace.usecase';
import { LinkTracesUseCase } from './link-traces/link-traces.usecase';
import { ReviewAmendmentUseCase } from './review-amendment/review-amendment.usecase';
import { reputationWith } from './spec-fixtures';
import { SubmitTraceUseCase } from './submit-trace/submit-trace.usecase';

/** Every ingest write honours an Idempotency-Key: one write per account and key, retries get its answer. */
describe('idempotent ingest writes', () => {
  let h: UseCaseHarness;
  let account: string;
  let counter = 0;

  const trace = (title: string) => {
    counter += 1;
    return {
      title,
      context_text: `Running the build on release ${counter} fails with ${title.toLowerCase()} on every machine of the team.`,
      solution_text: `Case ${counter}: pin the tool version in package.json and clear the cache directory before building again.`,
      tags: ['build'],
    };
  };

  /** Runs a use case as the ingest handler does for a request that carried an Idempotency-Key. */
  async function withKey<T>(key: string, request: object, work: () => Promise<T>, forAccount = account) {
    const scope: IdempotencyScope = {
      account: forAccount,
      key,
      requestHash: createHash('sha256').update(JSON.stringify(request)).digest('hex'),
    };
    const outcome = await RequestContext.run({ requestId: randomUUID(), idempotency: scope }, work).then(
      (reply) => ({ reply, error: undefined }),
      (error: DomainError) => ({ reply: undefined, error }),
    );
    return { ...outcome, replayed: scope.replayed === true };
  }

  /** Holds writes to a table from another connection, so a write's transaction stays open inside it. */
  const holders: (() => Promise<void>)[] = [];
  async function holdWrites(table: string): Promise<{ waiting(): Promise<boolean>; release(): Promise<void> }> {
    const holder = h.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`LOCK TABLE ${table} IN SHARE MODE`);
    const release = async () => {
      if (holder.isReleased) return;
      await holder.rollbackTransaction();
      await holder.release();
    };
    holders.push(release);
    return {
      waiting: async () => (await h.query(`SELECT 1 FROM pg_locks WHERE NOT granted AND relation = $1::regclass`, [table])).length > 0,
      release,
    };
  }
  // A failed expectation must not leave a table locked for the next test.
  afterEach(async () => {
    for (const release of holders.splice(0)) await release();
  });

  const count = async (sql: string, params: unknown[]) => (await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

  beforeAll(async () => {
    // No embedding service: only the exact duplicate check applies, which is all these writes need.
    h = await UseCaseHarness.start({ module: IngestModule });
    // Every agent has the starting point: amendments of others' traces stay pending.
    h.fake(ReputationGetReputation.contract, reputationWith(new Map()));
    account = await h.account();
  });

  afterAll(() => h.close());

  describe('submit', () => {
    const submit = (request: Parameters<SubmitTraceUseCase['execute']>[0]) => h.get(SubmitTraceUseCase).execute(request);

    it('answers a retry during the open transaction with request_in_progress, and one after the commit with the committed answer', async () => {
      const request = { contributor_id: account, trace: trace('Webpack runs out of memory in CI') };
      const hold = await holdWrites('traces');
      const first = withKey('submit-1', request, () => submit(request));
      await waitFor(hold.waiting, { what: 'the first attempt inside its transaction' });

      const during = await withKey('submit-1', request, () => submit(request));
      expect(during.error).toBeInstanceOf(DomainError);
      expect(during.error?.code).toBe(ErrorCode.RequestInProgress);

      await hold.release();
      const committed = await first;
      expect(committed.reply).toMatchObject({ status: 'pending' });
      const after = await withKey('submit-1', request, () => submit(request));
      expect(after).toEqual({ reply: committed.reply, error: undefined, replayed: true });
      expect(await count(`traces WHERE title = $1`, [request.trace.title])).toBe(1);
      expect(await count(`outbox WHERE payload->'data'->>'trace_id' = $1`, [committed.reply?.id])).toBe(1);
    });

    it('refuses the same key with another body, and stores nothing', async () => {
      const request = { contributor_id: account, trace: trace('Vite cannot resolve an alias') };
      await withKey('submit-2', request, () => submit(request));
      const other = { contributor_id: account, trace: trace('Vite cannot resolve another alias') };
      const reused = await withKey('submit-2', other, () => submit(other));
      expect(reused.error?.code).toBe(ErrorCode.IdempotencyKeyReused);
      expect(await count(`traces WHERE title = $1`, [other.trace.title])).toBe(0);
    });

    it('keeps the key free after a refused first attempt', async () => {
      const original = { contributor_id: account, trace: trace('Gradle daemon disappears during the build') };
      await submit(original);
      const duplicate = { contributor_id: account, trace: original.trace };
      const refused = await withKey('submit-3', duplicate, () => submit(duplicate));
      expect(refused.error?.code).toBe(ErrorCode.DuplicateTrace);
      expect(await count(`idempotency_keys WHERE key = $1`, ['submit-3'])).toBe(0);

      const forced = { contributor_id: account, trace: { ...original.trace, force: true } };
      const stored = await withKey('submit-3', forced, () => submit(forced));
      expect(stored.reply).toMatchObject({ duplicate_of: expect.any(String) });
      expect(stored.replayed).toBe(false);
    });

    it('keeps keys per account', async () => {
      const other = await h.account('other-agent');
      const mine = { contributor_id: account, trace: trace('Cargo build is slow on a laptop') };
      const theirs = { contributor_id: other, trace: trace('Cargo build is slow on a desktop') };
      const a = await withKey('shared-key', mine, () => submit(mine));
      const b = await withKey('shared-key', theirs, () => submit(theirs), other);
      expect(b.replayed).toBe(false);
      expect(b.reply?.id).not.toBe(a.reply?.id);
    });
  });

  describe('amend, review and link', () => {
    let traceId: string;
    let otherTraceId: string;
    /** Amends the account's traces: its amendments wait for the owner's review. */
    let author: string;

    beforeAll(async () => {
      author = await h.account('author');
      traceId = (await h.get(SubmitTraceUseCase).execute({ contributor_id: account, trace: trace('Jest hangs after the tests finished') })).id;
      otherTraceId = (await h.get(SubmitTraceUseCase).execute({ contributor_id: account, trace: trace('Mocha hangs after the tests') })).id;
    });

    it('amend: a retry in progress gets request_in_progress, a retry after the commit gets the amendment, stored once', async () => {
      const request = {
        trace_id: traceId,
        author_id: author,
        improved_solution: 'Close the open handles: call server.close() and await it in afterAll, or run jest with --detectOpenHandles to find them.',
        explanation: 'Names the cause and the tool that finds it.',
      };
      const amend = () => h.get(AmendTraceUseCase).execute(request);
      const hold = await holdWrites('amendments');
      const first = withKey('amend-1', request, amend, author);
      await waitFor(hold.waiting, { what: 'the first attempt inside its transaction' });
      expect((await withKey('amend-1', request, amend, author)).error?.code).toBe(ErrorCode.RequestInProgress);
      await hold.release();

      const committed = await first;
      const after = await withKey('amend-1', request, amend, author);
      expect(after).toEqual({ reply: committed.reply, error: undefined, replayed: true });
      expect(await count(`amendments WHERE trace_id = $1`, [traceId])).toBe(1);
    });

    it('review: a retry after the commit gets the first answer, not "already accepted", and one new version', async () => {
      const [amendment] = await h.query<{ id: string }>(`SELECT id FROM amendments WHERE trace_id = $1`, [traceId]);
      const request = { trace_id: traceId, amendment_id: amendment.id, reviewer_id: account, decision: 'accept' as const };
      const review = () => h.get(ReviewAmendmentUseCase).execute(request);
      const first = await withKey('review-1', request, review);
      expect(first.reply).toMatchObject({ version: 2, amendment: { status: 'accepted' } });
      const again = await withKey('review-1', request, review);
      expect(again).toEqual({ reply: first.reply, error: undefined, replayed: true });
      expect(await count(`trace_versions WHERE trace_id = $1`, [traceId])).toBe(1);
      // Without the key the same review is a conflict: the replay really is the stored answer.
      expect((await review().catch((e: DomainError) => e)) as DomainError).toMatchObject({ code: ErrorCode.Conflict });
    });

    it('link: a retry after the commit gets the first answer, not "already linked", and one link', async () => {
      const request = { source_id: traceId, target_id: otherTraceId, kind: 'related' as const, created_by: account };
      const link = () => h.get(LinkTracesUseCase).execute(request);
      const first = await withKey('link-1', request, link);
      expect(first.reply).toMatchObject({ kind: 'related', source_id: traceId });
      const again = await withKey('link-1', request, link);
      expect(again).toEqual({ reply: first.reply, error: undefined, replayed: true });
      expect(await count(`trace_links WHERE source_id = $1 AND target_id = $2`, [traceId, otherTraceId])).toBe(1);
    });
  });
});
