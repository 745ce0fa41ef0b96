import { TraceCreated } from '@commontrace/contracts';
import { EventMeta, UnitOfWork } from '@commontrace/messaging';
import { UseCaseHarness } from '@commontrace/testing';
import { waitFor } from '@commontrace/util-testing';
import { randomUUID } from 'node:crypto';
import { SearchModule } from '../../search.module';
import { WantedRecorder } from '../record-wanted/wanted-recorder';
import { ANSWER_CANDIDATES, MARK_ANSWERED_CONSUMER, MarkAnsweredUseCase } from './mark-answered.usecase';

describe('MarkAnsweredUseCase', () => {
  let h: UseCaseHarness;
  let mark: MarkAnsweredUseCase;
  let recorder: WantedRecorder;
  let owner: string;
  let n = 0;

  const meta = (): EventMeta => ({ eventId: randomUUID(), subject: TraceCreated.contract.subject, occurredAt: new Date().toISOString(), attempt: 1 });
  const ask = async (q: string) => expect(await recorder.record(q, { resultCount: 0 })).toBe('recorded');
  const trace = async (title: string, tags: string[], context: string, solution: string, status = 'pending') => {
    n += 1;
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [title, context, solution, tags, owner, String(n).padStart(64, '0'), status],
    );
    return row.id;
  };
  const created = (id: string): TraceCreated.TraceCreatedEvent => ({ trace_id: id, contributor_id: owner, content_hash: 'a'.repeat(64), version: 1 });
  const stateOf = async (key: string) =>
    (await h.query<{ answered_by: string | null; answered: boolean }>(`SELECT answered_by, answered_at IS NOT NULL AS answered FROM wanted_queries WHERE normalized_query = $1`, [key]))[0];

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule, consumers: true });
    mark = h.get(MarkAnsweredUseCase);
    recorder = h.get(WantedRecorder);
    owner = await h.account('owner');
  });
  afterAll(() => h.close());

  it('marks the open questions a new trace answers, and only those', async () => {
    await ask('Celery worker prefetch starves long tasks');
    await ask('celery beat schedule duplicates jobs');
    await ask('sqlite database is locked under concurrent writes');
    const id = await trace(
      'Celery worker prefetch starves long tasks',
      ['celery', 'python'],
      'With the default prefetch multiplier a worker reserves many tasks; long tasks block the ones queued behind them.',
      'Set worker_prefetch_multiplier = 1 and task_acks_late = True.',
    );
    await mark.handle(created(id), meta());
    expect(await stateOf('celery worker prefetch starves long tasks')).toEqual({ answered_by: id, answered: true });
    expect(await stateOf('celery beat schedule duplicates jobs')).toEqual({ answered_by: null, answered: false });
    expect(await stateOf('sqlite database is locked under concurrent writes')).toEqual({ answered_by: null, answered: false });
  });

  it('keeps the first answer, and applies an event once however often it is delivered', async () => {
    await ask('vitest coverage thresholds ignored in monorepo');
    const first = await trace('Vitest coverage thresholds ignored in a monorepo', ['vitest'], 'coverage thresholds set per package are ignored', 'put thresholds in the root vitest.workspace config');
    const second = await trace('Vitest monorepo coverage thresholds ignored', ['vitest'], 'coverage thresholds ignored', 'root config');
    const m = meta();
    await mark.handle(created(first), m);
    await mark.handle(created(first), m);
    await mark.handle(created(second), meta());
    expect(await stateOf('vitest coverage thresholds ignored in monorepo')).toEqual({ answered_by: first, answered: true });
    expect(await h.query(`SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2`, [MARK_ANSWERED_CONSUMER, m.eventId])).toHaveLength(1);
  });

  it('answers nothing from a hidden trace, a missing trace, or a trace that only mentions the terms in passing', async () => {
    await ask('elasticsearch shard allocation disk watermark');
    const hidden = await trace('Elasticsearch shard allocation disk watermark', ['elasticsearch'], 'disk watermark blocks shard allocation', 'raise the watermark', 'hidden');
    await mark.handle(created(hidden), meta());
    await mark.handle(created(randomUUID()), meta());
    const passing = await trace('Slow bulk indexing', ['java'], 'not the elasticsearch shard allocation disk watermark problem', 'tune the bulk size');
    await mark.handle(created(passing), meta());
    expect(await stateOf('elasticsearch shard allocation disk watermark')).toEqual({ answered_by: null, answered: false });
  });

  it('records nothing for a trace that no open question shares a term with', async () => {
    const id = await trace('Gradle configuration cache misses on every build', ['gradle'], 'the configuration cache is invalidated each run', 'stop reading System.getenv at configuration time');
    const m = meta();
    await mark.handle(created(id), m);
    expect(await h.query(`SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2`, [MARK_ANSWERED_CONSUMER, m.eventId])).toHaveLength(0);
    expect(await h.query(`SELECT 1 FROM wanted_queries WHERE answered_by = $1`, [id])).toHaveLength(0);
  });

  it(`tries at most ${ANSWER_CANDIDATES} candidates, the most wanted first`, async () => {
    for (let i = 0; i < ANSWER_CANDIDATES + 5; i++) {
      await h.query(
        `INSERT INTO wanted_queries (normalized_query, display_text, terms, count) VALUES ($1, $1, '{zookeeper}', $2)`,
        [`zookeeper session expired variant${i}`, 100 + i],
      );
    }
    const variants = Array.from({ length: ANSWER_CANDIDATES + 5 }, (_, i) => `variant${i}`).join(' ');
    const id = await trace('ZooKeeper session expired', ['zookeeper'], `session expired in ${variants}`, 'raise the session timeout');
    await mark.handle(created(id), meta());
    const [{ answered }] = await h.query<{ answered: number }>(`SELECT count(*)::int AS answered FROM wanted_queries WHERE answered_by = $1`, [id]);
    expect(answered).toBe(ANSWER_CANDIDATES);
    const [{ least }] = await h.query<{ least: number }>(`SELECT min(count)::int AS least FROM wanted_queries WHERE answered_by = $1`, [id]);
    expect(least).toBeGreaterThan(104);
  });

  it('consumes trace.created from the outbox', async () => {
    await ask('opentelemetry collector drops spans under load');
    const id = await trace('OpenTelemetry collector drops spans under load', ['opentelemetry'], 'the collector drops spans when its queue fills', 'raise sending_queue.queue_size and add the memory_limiter');
    await h.get(UnitOfWork).run((tx) => tx.emit(TraceCreated.contract, created(id)));
    await h.drainOutbox();
    await waitFor(async () => (await stateOf('opentelemetry collector drops spans under load'))?.answered === true, { what: 'the wanted question answered' });
  });
});
