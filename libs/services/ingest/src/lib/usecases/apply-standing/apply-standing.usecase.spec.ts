import { TraceStanding, TraceStandingChanged, TraceStatusChanged } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { IngestModule } from '../../ingest.module';
import { insertTrace } from '../spec-fixtures';
import { ApplyStandingUseCase } from './apply-standing.usecase';

type Source = TraceStandingChanged.StandingSource;

describe('ApplyStandingUseCase', () => {
  let h: UseCaseHarness;
  let apply: ApplyStandingUseCase;
  let owner: string;
  const base = Date.parse('2026-01-01T00:00:00Z');
  /** A decision `minutes` after the base time; each call is a new event. */
  const decide = (traceId: string, standing: TraceStanding, source: Source, minutes: number, eventId = randomUUID()) =>
    apply.handle(
      { trace_id: traceId, standing, source, reason: `${source}: ${standing}`, decided_at: new Date(base + minutes * 60_000).toISOString() },
      { eventId, subject: TraceStandingChanged.contract.subject, occurredAt: new Date().toISOString(), attempt: 1 },
    );
  const stateOf = async (id: string) =>
    (await h.query<{ status: string; decided: Date | null }>(`SELECT status, standing_decided_at AS decided FROM traces WHERE id = $1`, [id]))[0];
  const moves = async (id: string) =>
    (await h.events<{ trace_id: string; from: string; to: string; reason: string }>(TraceStatusChanged.contract.subject))
      .filter((e) => e.data.trace_id === id)
      .map((e) => `${e.data.from}>${e.data.to}`);

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    apply = h.get(ApplyStandingUseCase);
    owner = await h.account('owner');
  });

  afterAll(() => h.close());

  it('applies a standing, records when it was decided, and emits trace.status-changed with the reason', async () => {
    const id = await insertTrace(h, owner);
    await decide(id, 'validated', 'evidence', 1);
    expect(await stateOf(id)).toEqual({ status: 'validated', decided: new Date(base + 60_000) });
    const [event] = (await h.events<{ trace_id: string; reason: string }>(TraceStatusChanged.contract.subject)).filter((e) => e.data.trace_id === id);
    expect(event.data).toEqual({ trace_id: id, from: 'pending', to: 'validated', reason: 'evidence: validated' });
  });

  it('applies an event once: a redelivery changes nothing', async () => {
    const id = await insertTrace(h, owner);
    const eventId = randomUUID();
    await decide(id, 'stale', 'evidence', 1, eventId);
    await h.query(`UPDATE traces SET status = 'pending' WHERE id = $1`, [id]);
    await decide(id, 'stale', 'evidence', 1, eventId);
    expect((await stateOf(id)).status).toBe('pending');
    expect(await moves(id)).toEqual(['pending>stale']);
  });

  it('ignores a decision older than the one last applied', async () => {
    const id = await insertTrace(h, owner);
    await decide(id, 'disputed', 'evidence', 5);
    await decide(id, 'validated', 'evidence', 3);
    expect(await stateOf(id)).toEqual({ status: 'disputed', decided: new Date(base + 5 * 60_000) });
    expect(await moves(id)).toEqual(['pending>disputed']);
  });

  it('records a decision that leaves the status as it is, without an event', async () => {
    const id = await insertTrace(h, owner);
    await decide(id, 'pending', 'evidence', 2);
    expect(await stateOf(id)).toEqual({ status: 'pending', decided: new Date(base + 2 * 60_000) });
    expect(await moves(id)).toEqual([]);
  });

  it('never hides by evidence', async () => {
    const id = await insertTrace(h, owner, { status: 'validated' });
    await decide(id, 'hidden', 'evidence', 1);
    expect(await stateOf(id)).toEqual({ status: 'validated', decided: null });
    expect(await moves(id)).toEqual([]);
  });

  it('hides by moderation; a hidden trace leaves hidden only by moderation, never by evidence', async () => {
    const id = await insertTrace(h, owner, { status: 'validated' });
    await decide(id, 'hidden', 'moderation', 1);
    await decide(id, 'validated', 'evidence', 2);
    expect((await stateOf(id)).status).toBe('hidden');
    await decide(id, 'validated', 'moderation', 3);
    expect(await stateOf(id)).toEqual({ status: 'validated', decided: new Date(base + 3 * 60_000) });
    expect(await moves(id)).toEqual(['validated>hidden', 'hidden>validated']);
  });

  it('keeps a superseded trace superseded, unless it is hidden; restored, it is superseded again', async () => {
    const successor = await insertTrace(h, owner);
    const id = await insertTrace(h, owner, { status: 'superseded' });
    await h.query(`UPDATE traces SET superseded_by = $2 WHERE id = $1`, [id, successor]);
    await decide(id, 'validated', 'evidence', 1);
    expect((await stateOf(id)).status).toBe('superseded');
    await decide(id, 'hidden', 'moderation', 2);
    expect((await stateOf(id)).status).toBe('hidden');
    await decide(id, 'pending', 'moderation', 3);
    expect((await stateOf(id)).status).toBe('superseded');
    expect(await moves(id)).toEqual(['superseded>hidden', 'hidden>superseded']);
  });

  it('ignores a decision about a trace that does not exist', async () => {
    await expect(decide(randomUUID(), 'validated', 'evidence', 1)).resolves.toBeUndefined();
  });
});
