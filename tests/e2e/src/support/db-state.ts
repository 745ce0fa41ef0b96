import { TEST_NATS_URL, waitFor } from '@commontrace/util-testing';
import { Stack } from './stack';

/** Row counts of every table of the stack's database, by table. */
export type RowCounts = Record<string, number>;

export async function rowCounts(stack: Stack): Promise<RowCounts> {
  const tables = await stack.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const [row] = await stack.query<RowCounts>(`SELECT ${tables.map(({ name }) => `(SELECT count(*)::int FROM "${name}") AS "${name}"`).join(', ')}`);
  return row;
}

/** Messages JetStream still holds for a consumer: not yet delivered, or delivered and not acknowledged. */
async function unfinishedEvents(): Promise<number> {
  const { connect } = await import('nats');
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    const jsm = await nc.jetstreamManager();
    let open = 0;
    for await (const c of jsm.consumers.list('CT_EVENTS')) open += c.num_pending + c.num_ack_pending;
    return open;
  } catch {
    return 0; // no stream yet: nothing was published
  } finally {
    await nc.close();
  }
}

/**
 * Waits until the background work a write started is finished: the outbox is sent, every event
 * consumer (in microservices mode, on JetStream) has caught up, ingest has folded every new
 * document into the lexical statistics, and the row counts hold still
 * between two looks. Only then can a refused request's effect be told from the stack's own work.
 */
export async function settled(stack: Stack): Promise<RowCounts> {
  let previous = '';
  return waitFor(
    async () => {
      const [{ unsent, uncounted }] = await stack.query<{ unsent: number; uncounted: number }>(
        `SELECT (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS unsent, (SELECT count(*)::int FROM lexical_documents WHERE NOT counted) AS uncounted`,
      );
      const open = stack.mode === 'microservices' ? await unfinishedEvents() : 0;
      const counts = await rowCounts(stack);
      const same = JSON.stringify(counts) === previous;
      previous = JSON.stringify(counts);
      return unsent === 0 && uncounted === 0 && open === 0 && same && counts;
    },
    { timeoutMs: 30_000, intervalMs: 150, what: 'the background work to settle' },
  );
}
