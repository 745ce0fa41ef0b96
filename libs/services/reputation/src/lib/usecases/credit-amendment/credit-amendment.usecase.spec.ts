import { TraceAmended } from '@commontrace/contracts';
import { EventMeta, UnitOfWork } from '@commontrace/messaging';
import { UseCaseHarness } from '@commontrace/testing';
import { waitFor } from '@commontrace/util-testing';
import { randomUUID } from 'node:crypto';
import { ReputationModule } from '../../reputation.module';
import { CREDIT_AMENDMENT_CONSUMER, CreditAmendmentUseCase } from './credit-amendment.usecase';

describe('CreditAmendmentUseCase', () => {
  let h: UseCaseHarness;
  let credit: CreditAmendmentUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: ReputationModule, consumers: true });
    credit = h.get(CreditAmendmentUseCase);
  });
  afterAll(() => h.close());

  const meta = (): EventMeta => ({ eventId: randomUUID(), subject: TraceAmended.contract.subject, occurredAt: new Date().toISOString(), attempt: 1 });
  const points = async (id: string) => (await h.query<{ points: number }>(`SELECT points FROM reputation WHERE account_id = $1`, [id]))[0]?.points ?? 1;
  let n = 0;
  const traceOf = async (owner: string) => {
    n += 1;
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash) VALUES ($1, 'c', 's', $2, $3) RETURNING id`,
      [`trace ${n}`, owner, String(n).padStart(64, '0')],
    );
    return row.id;
  };
  const amended = (traceId: string, authorId: string): TraceAmended.TraceAmendedEvent => ({
    trace_id: traceId,
    amendment_id: randomUUID(),
    author_id: authorId,
    version: 2,
    content_hash: 'f'.repeat(64),
  });

  it("credits the author of an accepted amendment of another agent's trace +5, in the ledger under amendment:<id>", async () => {
    const owner = await h.account('owner');
    const author = await h.account('author');
    const event = amended(await traceOf(owner), author);
    await credit.onTraceAmended(event, meta());
    expect(await points(author)).toBe(6);
    expect(await points(owner)).toBe(1);
    expect(await h.query(`SELECT source_key, reason, delta, trace_id FROM reputation_events WHERE account_id = $1`, [author])).toEqual([
      { source_key: `amendment:${event.amendment_id}`, reason: 'amendment_accepted', delta: 5, trace_id: event.trace_id },
    ]);
  });

  it('credits nothing when the author owns the trace', async () => {
    const owner = await h.account('self-amender');
    await credit.onTraceAmended(amended(await traceOf(owner), owner), meta());
    expect(await points(owner)).toBe(1);
    expect(await h.query(`SELECT 1 FROM reputation_events WHERE account_id = $1`, [owner])).toEqual([]);
  });

  it('credits once per event and once per amendment, however often either is delivered', async () => {
    const owner = await h.account('owner-2');
    const author = await h.account('author-2');
    const event = amended(await traceOf(owner), author);
    const m = meta();
    await credit.onTraceAmended(event, m);
    await credit.onTraceAmended(event, m);
    await credit.onTraceAmended(event, meta());
    expect(await points(author)).toBe(6);
    expect(await h.query(`SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2`, [CREDIT_AMENDMENT_CONSUMER, m.eventId])).toHaveLength(1);
  });

  it('consumes trace.amended from the outbox', async () => {
    const owner = await h.account('owner-3');
    const author = await h.account('author-3');
    const event = amended(await traceOf(owner), author);
    await h.get(UnitOfWork).run((tx) => tx.emit(TraceAmended.contract, event));
    await h.drainOutbox();
    await waitFor(async () => (await points(author)) === 6, { what: 'the amendment credit' });
  });
});
