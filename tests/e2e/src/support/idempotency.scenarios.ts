import { Transaction, UnitOfWork } from '@commontrace/messaging';
import { waitFor } from '@commontrace/util-testing';
import { Api, sampleTrace } from './api';
import { Stack } from './stack';

/** Where the first idempotent write in ingest is held: after its commit (before the reply), or inside its transaction. */
type HoldPoint = 'after-commit' | 'in-transaction';

/** Holds ingest's next idempotent write at a point until released; later writes pass. */
function holdNextWrite(stack: Stack, point: HoldPoint) {
  const uow = stack.app('ingest').get(UnitOfWork);
  const run = uow.run.bind(uow);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const hold = { reached: false, release: () => release() };
  const pause = async () => {
    if (hold.reached) return;
    hold.reached = true;
    await released;
  };
  const spy = jest.spyOn(uow, 'run').mockImplementation((async (work: (tx: Transaction) => Promise<unknown>, options?: { idempotent?: boolean }) => {
    if (!options?.idempotent) return run(work, options);
    if (point === 'in-transaction') {
      return run(async (tx) => {
        const value = await work(tx);
        await pause();
        return value;
      }, options);
    }
    const value = await run(work, options);
    await pause();
    return value;
  }) as UnitOfWork['run']);
  return {
    hold,
    restore: () => {
      hold.release();
      spy.mockRestore();
    },
  };
}

/**
 * Idempotency-Key through the gateway when the first attempt's outcome is not known to the
 * caller. `concurrentTransactions` is false for PGlite, which runs one transaction at a time.
 */
export function idempotencyScenarios(getStack: () => Stack, { concurrentTransactions }: { concurrentTransactions: boolean }): void {
  let api: Api;
  let restore: (() => void) | undefined;

  beforeAll(async () => {
    api = new Api(getStack().baseUrl);
    await api.register('idempotency-agent');
  });
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  it('answers a retry after a 504 with the trace the first attempt committed, and stores it once', async () => {
    const held = holdNextWrite(getStack(), 'after-commit');
    restore = held.restore;
    const trace = sampleTrace({ title: 'Retried after the gateway timed out' });
    const first = await api.call('POST', '/api/v1/traces', trace, { 'idempotency-key': 'after-504' });
    expect({ status: first.status, code: first.body.code }).toEqual({ status: 504, code: 'upstream_timeout' });
    await waitFor(() => held.hold.reached, { what: 'the first attempt past its commit' });

    const retry = await api.call('POST', '/api/v1/traces', trace, { 'idempotency-key': 'after-504' });
    const rows = await getStack().query<{ id: string }>(`SELECT id FROM traces WHERE title = $1`, [trace.title]);
    expect(rows).toHaveLength(1);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toMatchObject({ id: rows[0].id, status: 'pending' });
  });

  if (concurrentTransactions) {
    it('answers a retry while the first attempt is still writing with 409 request_in_progress', async () => {
      const held = holdNextWrite(getStack(), 'in-transaction');
      restore = held.restore;
      const trace = sampleTrace({ title: 'Retried while the first attempt is still writing' });
      const first = api.call('POST', '/api/v1/traces', trace, { 'idempotency-key': 'in-progress' });
      await waitFor(() => held.hold.reached, { what: 'the first attempt inside its transaction' });

      const during = await api.call('POST', '/api/v1/traces', trace, { 'idempotency-key': 'in-progress' });
      expect({ status: during.status, code: during.body.code }).toEqual({ status: 409, code: 'request_in_progress' });
      expect(during.headers.get('content-type')).toContain('application/problem+json');
      held.hold.release();
      await first;

      const after = await api.call('POST', '/api/v1/traces', trace, { 'idempotency-key': 'in-progress' });
      expect(after.status).toBe(201);
      expect(after.headers.get('idempotent-replayed')).toBe('true');
      expect(await getStack().query(`SELECT 1 FROM traces WHERE title = $1`, [trace.title])).toHaveLength(1);
    });
  }

  it('leaves the key free after the service refused the first attempt', async () => {
    const trace = sampleTrace({ title: 'Refused as a duplicate, then forced with the same key' });
    expect((await api.call('POST', '/api/v1/traces', trace)).status).toBe(201);
    const refused = await api.call('POST', '/api/v1/traces', trace, { 'idempotency-key': 'after-refusal' });
    expect(refused.body.code).toBe('duplicate_trace');
    const forced = await api.call('POST', '/api/v1/traces', { ...trace, force: true }, { 'idempotency-key': 'after-refusal' });
    expect(forced.status).toBe(201);
    expect(forced.headers.get('idempotent-replayed')).toBeNull();
    expect(forced.body.duplicate_of).toBeDefined();
  });

  it('replays a retry whose body has the same fields in another order', async () => {
    const trace = sampleTrace({ title: 'Retried by a client that orders its fields differently' });
    const reordered = Object.fromEntries(Object.entries(trace).reverse());
    const first = await api.call('POST', '/api/v1/traces', trace, { 'idempotency-key': 'reordered-body' });
    const retry = await api.call('POST', '/api/v1/traces', reordered, { 'idempotency-key': 'reordered-body' });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
  });

  it('refuses a malformed key before anything is sent', async () => {
    const res = await api.call('POST', '/api/v1/traces', sampleTrace(), { 'idempotency-key': 'has a space' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: 'invalid' }]);
  });

  it('keeps keys per account', async () => {
    const other = new Api(getStack().baseUrl);
    await other.register('another-idempotency-agent');
    const mine = await api.call('POST', '/api/v1/traces', sampleTrace({ title: 'Same key, first account' }), { 'idempotency-key': 'shared' });
    const theirs = await other.call('POST', '/api/v1/traces', sampleTrace({ title: 'Same key, second account' }), { 'idempotency-key': 'shared' });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });
}
